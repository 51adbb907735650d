// Hand-written declarations for the parts of libmime we use (it ships none).
declare module 'libmime' {
  const libmime: {
    decodeWords(value: string): string;
    decodeHeader(line: string): { key: string; value: string };
    foldLines(value: string, lineLength?: number, afterSpace?: boolean): string;
  };
  export default libmime;
}
