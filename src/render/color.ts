// Tiny ANSI styling for terminal output; every helper is the identity when colour is off.

export interface Paint {
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

const ON: Paint = { green: wrap(32, 39), yellow: wrap(33, 39), red: wrap(31, 39), bold: wrap(1, 22) };
const same = (s: string) => s;
const OFF: Paint = { green: same, yellow: same, red: same, bold: same };

export function choosePaint(color: boolean): Paint {
  return color ? ON : OFF;
}
