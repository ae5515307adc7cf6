import { sniffMediaType, zipEntryNames, MEDIA_TYPES } from './sniff-media-type';
import { docxBytes, gifBytes, jpegBytes, plainZipBytes, pngBytes, xlsxBytes } from './evidence.fixtures';
import { safeFilename } from './safe-filename';

const sniff = (b: Buffer) => sniffMediaType(b.subarray(0, 4096), () => zipEntryNames(b));

describe('sniffMediaType: kinds by their bytes', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n...'), MEDIA_TYPES.pdf],
    ['PNG', pngBytes(), MEDIA_TYPES.png],
    ['JPEG', jpegBytes(), MEDIA_TYPES.jpeg],
    ['XLSX', xlsxBytes(), MEDIA_TYPES.xlsx],
    ['DOCX', docxBytes(), MEDIA_TYPES.docx],
    ['CSV', Buffer.from('ref,control,result\nCC6.1,Access,No exceptions\nCC7.2,Monitoring,Exception noted\n'), MEDIA_TYPES.csv],
    ['plain text', Buffer.from('Bridge letter\nNo material changes since the period end.\n'), MEDIA_TYPES.text],
    ['UTF-8 text cut mid-character', Buffer.from('Zürich données '.repeat(300)).subarray(0, 4095), MEDIA_TYPES.text],
  ])('accepts %s', (_name, bytes, expected) => {
    expect(sniff(bytes)).toBe(expected);
  });

  it.each([
    ['GIF', gifBytes()],
    ['a ZIP that is no Office document', plainZipBytes()],
    ['binary with NUL bytes', Buffer.from([0x41, 0x00, 0x42, 0x43])],
    ['Latin-1 bytes that are not UTF-8', Buffer.from('caf\xe9 cr\xe8me', 'latin1')],
    ['an executable', Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1')],
  ])('refuses %s', (_name, bytes) => {
    expect(sniff(bytes)).toBeNull();
  });

  it('does not trust a PDF name on other bytes, nor another name on PDF bytes', () => {
    expect(sniff(Buffer.from('%PDF-1.4'))).toBe(MEDIA_TYPES.pdf);
    expect(sniff(gifBytes())).toBeNull();
  });
});

describe('safeFilename: a label, never a path', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\a\\SOC 2 report.pdf', 'SOC 2 report.pdf'],
    ['..', 'document'],
    ['.hidden', 'hidden'],
    ['a"b<c>\u0000d.pdf', 'abcd.pdf'],
    ['', 'document'],
    [undefined, 'document'],
  ])('%p -> %p', (raw, label) => {
    expect(safeFilename(raw)).toBe(label);
  });
});
