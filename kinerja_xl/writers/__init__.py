"""Writers: render checked files as an annotated workbook, terminal report, JSON, batch summary or email."""
