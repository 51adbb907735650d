// Hand-written declarations for the parts of @zone-eu/mailsplit we use.
declare module '@zone-eu/mailsplit' {
  export class Headers {
    constructor(headers: Buffer | string, config?: Record<string, unknown>);
    getList(): Array<{ key: string; line: string }>;
    getFirst(key: string): string;
    get(key: string): string[];
    hasHeader(key: string): boolean;
  }
}
