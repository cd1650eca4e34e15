/** Writing the files a command produces (--out, --write): a user's path mistake is explained, never called an internal error. */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** What is wrong with an output path, in Chinese, from the error writing it. */
export function outputPathError(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const dir = path.dirname(path.resolve(file));
  switch (code) {
    case 'ENOENT':
      return `无法写入“${file}”：文件夹“${dir}”不存在。请先创建该文件夹，或换一个输出位置。`;
    case 'EISDIR':
      return `无法写入“${file}”：这是一个文件夹，不是文件名。请给出文件名，例如 ${path.join(file, '报告' + (path.extname(file) || '.docx'))}。`;
    case 'ENOTDIR':
      return `无法写入“${file}”：路径中有一段是文件而不是文件夹。请检查路径。`;
    case 'EACCES':
    case 'EPERM':
      return `无法写入“${file}”：没有写入权限（文件或文件夹“${dir}”只读）。请换一个可写的位置，或修改权限。`;
    case 'EROFS':
      return `无法写入“${file}”：所在磁盘是只读的。请换一个可写的位置。`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `无法写入“${file}”：磁盘已满（或超出配额）。请清理磁盘空间后重试，或换一个输出位置。`;
    case 'ENAMETOOLONG':
      return `无法写入“${file}”：文件名过长。请换一个短一些的文件名。`;
    default:
      return `无法写入“${file}”（${code || (e instanceof Error ? e.message : String(e))}）。请检查路径和写权限。`;
  }
}

/** Writes an output file; false (after one Chinese line on stderr) when the path is at fault. */
export async function writeOutput(file: string, data: string | Uint8Array): Promise<boolean> {
  try {
    await fs.writeFile(file, data);
    return true;
  } catch (e) {
    process.stderr.write(`错误：${outputPathError(file, e)}\n`);
    return false;
  }
}
