import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Allow, READERS_OF_DETAIL } from '../auth/roles';
import { DateTimeScalar } from '../graphql/scalars';

export enum ExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  description: 'CSV: RFC 4180 text, UTF-8. XLSX: an Excel workbook.',
  valuesMap: {
    CSV: { description: 'Comma-separated values (CRLF); formula-like cells start with a quote.' },
    XLSX: { description: 'Office Open XML workbook: sheet Portfolio, and sheet About with the two clocks.' },
  },
});

export enum FileEncoding {
  UTF8 = 'UTF8',
  BASE64 = 'BASE64',
}
registerEnumType(FileEncoding, {
  name: 'FileEncoding',
  description: 'How `content` carries the file bytes.',
  valuesMap: { UTF8: { description: 'The text itself.' }, BASE64: { description: 'The bytes, base64-encoded (binary formats).' } },
});

/** The file itself in the answer: no second request, no download URL to secure or expire. */
@Allow(READERS_OF_DETAIL)
@ObjectType({ description: 'A generated file: its name, media type and content (text, or base64 for binary formats).' })
export class ExportFile {
  @Field({ description: 'A suggested file name, e.g. portfolio-2026-12-31.csv.' }) filename!: string;
  @Field({ description: 'The media type, e.g. text/csv.' }) mediaType!: string;
  @Field(() => FileEncoding, { description: 'How `content` is encoded.' }) encoding!: FileEncoding;
  @Field({ description: 'The file content, in `encoding`.' }) content!: string;
  @Field(() => Int, { description: 'Organizations (data rows) in the file.' }) rowCount!: number;
  @Field(() => DateTimeScalar, { description: 'Business time the file describes.' }) asOf!: string;
  @Field(() => DateTimeScalar, { description: 'Recording time: only events recorded by then are in the file.' }) knownAt!: string;
}
