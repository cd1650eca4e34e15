# Page text by PyMuPDF, as a Python user gets it (bench/unseen.ts): pages in order, optionally sorted by position.
import sys, fitz
doc = fitz.open(sys.argv[1])
sort = len(sys.argv) > 3 and sys.argv[3] == 'sort'
with open(sys.argv[2], 'w') as f:
    for p in doc:
        f.write(p.get_text(sort=sort))
