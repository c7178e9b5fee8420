"""What every screen builds with: widgets, form controls, the theme, the background-task runner."""
