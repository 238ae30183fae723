// Fenced code blocks of a Markdown file, and the shell commands in a block, for tests that keep docs honest.

export interface CodeBlock {
  /** The info string after the opening fence ("sh", "yaml", "" for none). */
  lang: string;
  /** 1-based line of the opening fence, for messages that point at the README. */
  line: number;
  text: string;
}

export interface ShellCommand {
  /** As written, continuation lines included, trailing comment kept. */
  text: string;
  /** 1-based line in the Markdown file where the command starts. */
  line: number;
  /** The exit code the README states in a trailing `# exit N` comment, else 0. */
  expectedExit: number;
}

export function listCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`line ${i + 1}: a code fence that is never closed`);
    blocks.push({ lang: open[1], line: i + 1, text: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** A shell block's commands: backslash continuations joined, blank and comment-only lines skipped. */
export function listShellCommands(block: CodeBlock): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const lines = block.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(#.*)?$/.test(lines[i])) continue;
    const start = i;
    while (lines[i].endsWith('\\') && i + 1 < lines.length) i++;
    const text = lines.slice(start, i + 1).join('\n');
    const stated = /#\s*exit (\d+)\b/.exec(text);
    commands.push({ text, line: block.line + 1 + start, expectedExit: stated ? Number(stated[1]) : 0 });
  }
  return commands;
}
