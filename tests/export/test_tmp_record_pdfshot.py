import pypdfium2

from kapdesk.export.pdf_report import write_session_pdf
from tests.export.conftest import UTC_PLUS_1
from tests.export.test_pdf_report import pdf_pages


def test_shot(qapp, recorded, tmp_path) -> None:
    target = tmp_path / "kap.pdf"
    write_session_pdf(recorded.source().session_record(recorded.esketamine), target,
                      recorded.clock.now(), tz=UTC_PLUS_1, page_size="a4")
    from PySide6.QtGui import QImage
    pdf = pypdfium2.PdfDocument(str(target))
    for n in range(len(pdf)):
        a = pdf[n].render(scale=1.6, rev_byteorder=True).to_numpy().copy()
        h, w, c = a.shape
        fmt = QImage.Format.Format_RGB888 if c == 3 else QImage.Format.Format_RGBA8888
        QImage(a.data, w, h, w * c, fmt).copy().save(f"/tmp/record/pdf{n}.png")
    pdf.close()
    open("/tmp/record/pdf.txt", "w").write("\n\n".join(pdf_pages(target)))
