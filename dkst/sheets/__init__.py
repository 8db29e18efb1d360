"""Sheets: Excel out and in (the aggregate's workbook, the forms, their import)."""
