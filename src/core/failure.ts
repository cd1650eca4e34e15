/** A file that cannot be read at all: a code for machines and a Chinese message for people. */
export class ReadFailure extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReadFailure';
  }
}

export const FAILURE_MESSAGES = {
  'file-unreadable': '无法打开文件',
  empty: '文件为空',
  binary: '文件不是文本，也不是支持的文档格式（支持 txt、md、html、docx、doc、pdf、xlsx、json）',
  'too-large': '文件过大',
  'not-a-report': '内容不像政府信息公开工作年度报告：没有找到年度报告的章节或统计表',
} as const;
