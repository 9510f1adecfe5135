// The progress line on stderr (stdout stays for the results a script reads): while the file is
// checked, the rows read so far (the total is not known yet); while rows are written, a bar of
// done and refused rows of the total. On a terminal the line is redrawn in place; elsewhere (a
// log, a pipe) a line is written only when it says something new, at most every few seconds.
const BAR_WIDTH = 30;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** How often a line goes to a non-terminal. */
const LOG_EVERY_MS = 5_000;

export interface Progress {
  checking(rowsRead: number): void;
  writing(done: number, errors: number, total: number): void;
  /** Ends the line (the results follow on stdout). */
  end(): void;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The check's line; with a spinner on a terminal (the count moves only every few seconds). */
export function checkingLine(rowsRead: number, tick?: number): string {
  return `检查中${tick === undefined ? '' : ` ${SPINNER[tick % SPINNER.length]}`} 已读 ${count(rowsRead)} 行`;
}

export function writingLine(done: number, errors: number, total: number): string {
  const fraction = total > 0 ? Math.min(1, (done + errors) / total) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  return `导入中 [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${count(done + errors)}/${count(total)} 行${errors > 0 ? ` (出错 ${count(errors)})` : ''}`;
}

export function progressOn(stream: NodeJS.WriteStream = process.stderr): Progress {
  let tick = 0;
  let shown = '';
  let lastLogged = 0;
  let drawn = false;
  const show = (line: string, key: string) => {
    if (stream.isTTY) {
      stream.write(`\r\x1b[2K${line}`);
      drawn = true;
      return;
    }
    // Off a terminal the spinner is noise: a line only for a new count, and not too often.
    if (key === shown || Date.now() - lastLogged < LOG_EVERY_MS) return;
    shown = key;
    lastLogged = Date.now();
    stream.write(`${line}\n`);
  };
  return {
    checking: (rowsRead) => show(checkingLine(rowsRead, stream.isTTY ? tick++ : undefined), `c${rowsRead}`),
    writing: (done, errors, total) => show(writingLine(done, errors, total), `w${done}/${errors}/${total}`),
    end: () => {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
