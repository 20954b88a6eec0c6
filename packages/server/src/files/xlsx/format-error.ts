/** The error of a file that is not a workbook this reader can read: every part of the reader throws it. */
export class XlsxFormatError extends Error {}
