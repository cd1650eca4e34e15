# Text as a Python crawler or script gets it (bench/unseen.ts), with Debian's python3-pypdf,
# python3-bs4 and python3-docx: `unseen-python.py MODE SRC DST`.
#   pypdf          PdfReader(...).pages[i].extract_text(), pages joined by a newline
#   bs4            BeautifulSoup(html).get_text()                (the whole page, source whitespace)
#   bs4-lines      BeautifulSoup(html).get_text('\n', strip=True) (one text node a line)
#   bs4-spaced     BeautifulSoup(html).get_text(' ', strip=True)  (one line, nodes parted by spaces)
#   docx-body      python-docx, the body in order: paragraphs, and table rows as tab-parted cells
#                  (a merged cell repeated in every grid cell it covers, as python-docx gives it)
#   docx-split     python-docx's usual script: every paragraph, then every table
import sys

mode, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
out = []
if mode == 'pypdf':
    import pypdf
    out = [p.extract_text() for p in pypdf.PdfReader(src).pages]
elif mode.startswith('bs4'):
    from bs4 import BeautifulSoup
    raw = open(src, 'rb').read()
    soup = BeautifulSoup(raw, 'html.parser')
    for s in soup(['script', 'style']):
        s.decompose()
    if mode == 'bs4':
        out = [soup.get_text()]
    elif mode == 'bs4-lines':
        out = [soup.get_text('\n', strip=True)]
    else:
        out = [soup.get_text(' ', strip=True)]
elif mode.startswith('docx'):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    d = docx.Document(src)

    def rows(t):
        return ['\t'.join(c.text.replace('\n', ' ') for c in r.cells) for r in t.rows]

    if mode == 'docx-body':
        for el in d.element.body.iterchildren():
            tag = el.tag.split('}')[-1]
            if tag == 'p':
                out.append(Paragraph(el, d).text)
            elif tag == 'tbl':
                out.extend(rows(Table(el, d)))
    else:
        out = [p.text for p in d.paragraphs]
        for t in d.tables:
            out.extend(rows(t))
            out.append('')
else:
    sys.exit(f'unknown mode {mode}')
with open(dst, 'w', encoding='utf-8') as f:
    f.write('\n'.join(out))
