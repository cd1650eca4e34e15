/**
 * Page images for OCR: PNM decoding, ink, deskew and the ruling lines of tables.
 *
 * Pure: bytes and pixel arrays in, pixel arrays and rules out. A page arrives as the PNM that
 * pdftoppm writes (P6 colour or P5 grey). Ink is read from the red channel: black print is
 * dark there, a red seal stamped over the text is light, so the seal disappears and the
 * figures under it stay.
 */
import type { Rule } from '../pdf-grid.js';

/** A greyscale image, row-major, one byte per pixel (0 black … 255 white). */
export interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
}

/** P5/P6 (binary PGM/PPM, 8 bit) → grey from the red channel. */
export function decodePnm(buf: Uint8Array): Grey {
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]))) pos++;
      if (buf[pos] === 0x23) {
        while (pos < buf.length && buf[pos] !== 0x0a) pos++;
        continue;
      }
      break;
    }
    const start = pos;
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    return String.fromCharCode(...buf.subarray(start, pos));
  };
  const magic = token();
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  pos++;
  if ((magic !== 'P5' && magic !== 'P6') || !(width > 0) || !(height > 0) || max !== 255) throw new Error(`不支持的图像数据（${magic} ${width}×${height} max ${max}）`);
  const n = width * height;
  const ch = magic === 'P6' ? 3 : 1;
  if (buf.length - pos < n * ch) throw new Error('图像数据不完整');
  const data = new Uint8Array(n);
  if (ch === 1) data.set(buf.subarray(pos, pos + n));
  else for (let i = 0, j = pos; i < n; i++, j += 3) data[i] = buf[j];
  return { width, height, data };
}

/** P5 bytes of a grey image (what tesseract reads from stdin). */
export function encodePgm(img: Grey): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  const out = new Uint8Array(head.length + img.data.length);
  out.set(head);
  out.set(img.data, head.length);
  return out;
}

/** Otsu's threshold of the histogram: below it is ink. */
export function otsu(img: Grey): number {
  const hist = new Float64Array(256);
  const d = img.data;
  const step = d.length > 4_000_000 ? 3 : 1;
  for (let i = 0; i < d.length; i += step) hist[d[i]]++;
  let total = 0;
  let sum = 0;
  for (let t = 0; t < 256; t++) {
    total += hist[t];
    sum += t * hist[t];
  }
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let bestT = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      bestT = t;
    }
  }
  // Clean pages are almost all white: keep the threshold in the range of printed ink.
  return Math.max(60, Math.min(200, bestT));
}

/**
 * Skew angle in degrees (the page is rotated by this much clockwise-positive in image
 * coordinates) within ±3°, from the projection profile of ink: the angle at which the
 * row sums are most peaked (text lines and rules line up).
 */
export function skewAngle(img: Grey, threshold: number): number {
  const f = Math.max(1, Math.round(img.width / 800));
  const pts: number[] = [];
  for (let y = 0; y < img.height; y += f)
    for (let x = 0; x < img.width; x += f) if (img.data[y * img.width + x] < threshold) pts.push(x, y);
  if (pts.length < 200) return 0;
  const score = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180);
    const bins = new Float64Array(Math.ceil(img.height / f) + Math.ceil((img.width * 0.06) / f) * 2 + 4);
    const off = Math.ceil((img.width * 0.06) / f) + 2;
    for (let i = 0; i < pts.length; i += 2) bins[Math.round((pts[i + 1] - pts[i] * t) / f) + off]++;
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
    return s;
  };
  let best = 0;
  let bestS = -1;
  for (let d = -3; d <= 3.0001; d += 0.2) {
    const s = score(d);
    if (s > bestS) {
      bestS = s;
      best = d;
    }
  }
  const coarse = best;
  for (let d = coarse - 0.2; d <= coarse + 0.2001; d += 0.02) {
    const s = score(d);
    if (s > bestS) {
      bestS = s;
      best = d;
    }
  }
  return Math.abs(best) < 0.03 ? 0 : best;
}

/** The image rotated so that lines sloping by `deg` become level (bilinear; white outside). */
export function rotate(img: Grey, deg: number): Grey {
  if (deg === 0) return img;
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  const a = (deg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = w / 2;
  const cy = h / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // Source of (x, y): rotate back by the skew (a line y = x·tan(a) maps to a level line).
      const sx = cos * dx - sin * dy + cx;
      const sy = sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) {
        out[y * w + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bot = data[i + w] + (data[i + w + 1] - data[i + w]) * fx;
      out[y * w + x] = top + (bot - top) * fy;
    }
  }
  return { width: w, height: h, data: out };
}

/** Pixel rules of a page: horizontal (at = y) and vertical (at = x), in pixels, y down. */
export interface PixelRules {
  h: Rule[];
  v: Rule[];
}

/**
 * Ruling lines: runs of ink at least `minLen` long along a row (column), bridging gaps of a
 * few pixels (speckle, JPEG, a thin scan), stacked over adjacent rows into one rule when
 * they overlap; thicker than `maxThick` is a filled area, not a rule.
 */
export function findRules(img: Grey, threshold: number, dpi: number, loose = threshold): PixelRules {
  const minH = Math.round(dpi * 0.22);
  // Longer than a character is tall (a stroke touching a rule is no rule), shorter than a table row.
  const minV = Math.round(dpi * 0.17);
  const gap = Math.max(2, Math.round(dpi / 80));
  const maxThick = Math.max(4, Math.round(dpi / 25));
  const { width: w, height: h, data } = img;
  type Run = { at: number; from: number; to: number };
  // Pixels of horizontal rules, left out when looking for vertical ones: a stroke of a character
  // that touches a rule must not grow into a column rule through it.
  let mask: Uint8Array | null = null;
  /** Runs along row y (horizontal) or column x (vertical) at threshold t. */
  const runsAlong = (horizontal: boolean, at: number, t: number, min: number, out: Run[]) => {
    const n = horizontal ? w : h;
    let start = -1;
    let last = -1;
    for (let p = 0; p <= n; p++) {
      const on = p < n && (horizontal ? data[at * w + p] < t : data[p * w + at] < t && !(mask && mask[p * w + at]));
      if (on) {
        if (start < 0) start = p;
        last = p;
      } else if (start >= 0 && p - last > gap) {
        if (last - start + 1 >= min) out.push({ at, from: start, to: last });
        start = -1;
      }
    }
  };
  /** Ink share along a rule's length on row y (ends left out: they may meet a crossing rule). */
  const rowShare = (r: Rule, y: number) => {
    if (y < 0 || y >= h) return 0;
    const x0 = Math.max(0, Math.round(r.from) + 3);
    const x1 = Math.min(w - 1, Math.round(r.to) - 3);
    let n = 0;
    for (let x = x0; x <= x1; x++) if (data[y * w + x] < threshold) n++;
    return n / Math.max(1, x1 - x0 + 1);
  };
  /** Both sides of a rule across, beyond its own rows (ink over most of its length), are ink over a third of the length or more: text. */
  const amidText = (r: Rule) => {
    const side = (dir: -1 | 1) => {
      const rows: number[] = [];
      for (let d = 1; d <= maxThick + 6 && rows.length < 3; d++) {
        const s = rowShare(r, Math.round(r.at) + dir * d);
        if (rows.length === 0 && s >= 0.8) continue;
        rows.push(s);
      }
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : 0;
    };
    return side(-1) >= 0.3 && side(1) >= 0.3;
  };
  const detect = (horizontal: boolean): Rule[] => {
    const runs: Run[] = [];
    const n = horizontal ? h : w;
    const min = horizontal ? minH : minV;
    for (let a = 0; a < n; a++) runsAlong(horizontal, a, threshold, min, runs);
    const strict = stack(runs, maxThick, gap);
    if (loose <= threshold) return strict;
    // A faint rule (blur, JPEG, a light scan) breaks at the ink threshold: along the lines where
    // rules were found, read again at the looser threshold and join the pieces.
    const near = new Set<number>();
    for (const r of strict) for (let d = -3; d <= 3; d++) near.add(Math.round(r.at) + d);
    const again: Run[] = runs.filter((r) => !near.has(r.at));
    for (const a of [...near].sort((x, y) => x - y)) if (a >= 0 && a < n) runsAlong(horizontal, a, loose, min, again);
    again.sort((x, y) => x.at - y.at || x.from - y.from);
    return stack(again, maxThick, gap);
  };
  const hr = detect(true);
  mask = new Uint8Array(w * h);
  const half = Math.ceil(maxThick / 2) + 1;
  for (const r of hr)
    for (let y = Math.max(0, Math.round(r.at) - half); y <= Math.min(h - 1, Math.round(r.at) + half); y++) mask.fill(1, y * w + r.from, y * w + r.to + 1);
  // The masked rows cut every column rule at each row rule: give the pieces their ends back and
  // join them again.
  const v = joinPieces(detect(false).map((r) => ({ at: r.at, from: r.from - half - 1, to: r.to + half + 1 })), 2 * half + 4);
  extendAcrossShortRows(v, hr, data, w, h, loose, half, minV);
  recoverRowRules(v, hr, data, w, h, loose, half + 3, Math.round(dpi * 0.3));
  const reach = Math.round(dpi / 8);
  const inkAt = (horizontal: boolean, along: number, line: number) => {
    for (let d = -1; d <= 1; d++) {
      const x = horizontal ? along : line + d;
      const y = horizontal ? line + d : along;
      if (x >= 0 && y >= 0 && x < w && y < h && data[y * w + x] < loose) return true;
    }
    return false;
  };
  const tolH = Math.max(4, Math.round(dpi / 40)) + 2;
  const inkH = (p: number, line: number) => inkAt(true, p, line);
  const inkV = (p: number, line: number) => inkAt(false, p, line);
  const h1 = anchored(hr, v, tolH, reach, inkH);
  const v1 = anchored(v, hr, half + 3, reach, inkV);
  // Strokes of a heading just above a table (二、主动公开… split into a cell of the table and
  // lost): a short stroke across held at one end only by an upright stroke that is itself no
  // rule, or by nothing, holding up in turn an upright that runs down to the table's top rule.
  // Short rules across are checked once more against the uprights kept, and the uprights are
  // anchored only on rules across that are kept or long. Only short ones: a table's rules
  // across run over several columns, and a damaged table must not unravel.
  const short = dpi * 0.5;
  const hk = h1.filter((r) => r.to - r.from >= short || anchored([r], v1, tolH, reach, inkH).length > 0);
  const kept = (p: Rule) => p.to - p.from >= short || hk.some((r) => Math.abs(r.at - p.at) <= 2 && p.from >= r.from - 1 && p.to <= r.to + 1);
  const out = hk.length === h1.length && hr.every(kept) ? { h: h1, v: v1 } : { h: hk, v: anchored(v, hr.filter(kept), half + 3, reach, inkV) };
  const kept2 = dropStrokeBoxes(out, tolH, reach, Math.round(dpi * 0.4));
  // A line of character strokes lined up inside a wrapped label (the bottoms of 理由大量, seed
  // 101/000012), anchored on the cell's borders, split the cell and lost its row: a rule across
  // has paper on both sides (a cell's padding), a line of strokes text above and below it.
  // Only rules across one cell or so, and only after the uprights are settled (they keep their anchors).
  return { h: kept2.h.filter((r) => r.to - r.from > dpi || !amidText(r)), v: kept2.v };
}

/**
 * Pieces of column rules (cut at every row rule) joined into rules: top to bottom, a piece joins
 * the rule whose last piece it touches, 2 px either way — a rule's pieces lie a pixel or two
 * apart after deskewing, and joined in order of position instead, one run of pieces could start a
 * rule of its own beside the rule it continues and, its upper end meeting nothing, be dropped
 * (two columns of table 三's rows merged). Rules left touching end to end (overlapping by no
 * more than `slack`, the ends given back to pieces) are joined too.
 */
export function joinPieces(pieces: Rule[], slack: number): Rule[] {
  const sorted = [...pieces].sort((a, b) => a.from - b.from || a.at - b.at);
  const v: { rule: Rule; tail: number }[] = [];
  for (const r of sorted) {
    const near = v.filter((o) => Math.abs(o.tail - r.at) <= 2 && r.from <= o.rule.to + 1 && r.to >= o.rule.from - 1);
    // The rule whose last piece lies nearest this one's line.
    const m = near.sort((a, b) => Math.abs(a.tail - r.at) - Math.abs(b.tail - r.at))[0];
    if (m) {
      m.rule.from = Math.min(m.rule.from, r.from);
      if (r.to > m.rule.to) (m.rule.to = r.to), (m.tail = r.at);
    } else v.push({ rule: { ...r }, tail: r.at });
  }
  const out = v.map((o) => o.rule);
  // End to end, within 2 px: one rule.
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++)
      for (let j = i + 1; j < out.length && !merged; j++) {
        const a = out[i];
        const b = out[j];
        // Touching, or overlapping no more than the pieces' given-back ends (side by side is not end to end).
        const endToEnd = Math.abs(a.at - b.at) <= 2 && Math.min(a.to, b.to) - Math.max(a.from, b.from) <= slack && b.from <= a.to + 1 && b.to >= a.from - 1;
        // Side by side on one line (a rule's thickness apart at most, over a stretch longer than the
        // given-back ends): one rule whose faint edge the loose threshold stacked apart — seed
        // 144/000000's column rule between 自然人 and 商业企业 ran on 2 px aside from a row down
        // (698 beside 700), the two parts each ended at nothing, and the lower rows lost it.
        const sideBySide = Math.abs(a.at - b.at) <= 3 && Math.min(a.to, b.to) - Math.max(a.from, b.from) > slack;
        if (endToEnd || sideBySide) {
          const keep = a.to - a.from >= b.to - b.from ? a : b;
          out[i] = { ...keep, from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) };
          out.splice(j, 1);
          merged = true;
        }
      }
  }
  return out.sort((a, b) => a.at - b.at || a.from - b.from);
}

/**
 * A box of strokes standing on a table's top rule: a rule across held only by uprights that go
 * no higher than it and all come down onto one rule across that runs on past both its ends, a
 * line of text high — the strokes of a heading printed just above a table (三、收到和处理… read
 * as a row of the table, the heading lost). A table's rows span its width; a rule under a merged
 * header cell has uprights that run on above it.
 */
function dropStrokeBoxes(r: PixelRules, tol: number, reach: number, line: number): PixelRules {
  const dropH = new Set<Rule>();
  const dropV = new Set<Rule>();
  for (const top of r.h) {
    const ups = r.v.filter((v) => v.at >= top.from - tol && v.at <= top.to + tol && v.from - reach <= top.at && v.to + tol >= top.at);
    if (ups.length === 0 || ups.some((v) => v.from < top.at - reach)) continue;
    const base = r.h.find((b) => b !== top && b.at > top.at + tol && b.at - top.at <= line && b.from < top.from - tol && b.to > top.to + tol && ups.every((v) => Math.abs(v.to - b.at) <= tol));
    if (!base) continue;
    dropH.add(top);
    for (const v of ups) dropV.add(v);
  }
  if (dropH.size === 0) return r;
  return { h: r.h.filter((x) => !dropH.has(x)), v: r.v.filter((x) => !dropV.has(x)) };
}

/**
 * A row rule broken by heavy speckle into pieces too short to count: a column rule that stops
 * where no row rule is says where it was. Between that column rule and the nearest ones left
 * and right of it, the line is taken as a rule where it is ink (at the loose threshold, one
 * pixel either way) along nearly all its length — no text fills a cell's width like that.
 * Without it the two rows read as one, their labels and figures in one cell.
 */
function recoverRowRules(v: Rule[], hr: Rule[], data: Uint8Array, w: number, h: number, loose: number, tol: number, minCell: number): void {
  const added: Rule[] = [];
  const covered = (y: number, x: number) => [...hr, ...added].some((r) => Math.abs(r.at - y) <= tol && r.from - tol <= x && r.to + tol >= x);
  const share = (y: number, x0: number, x1: number) => {
    let ink = 0;
    for (let x = Math.ceil(x0); x <= Math.floor(x1); x++) {
      for (let d = -1; d <= 1; d++) {
        const yy = y + d;
        if (yy >= 0 && yy < h && data[yy * w + x] < loose) {
          ink++;
          break;
        }
      }
    }
    return ink / Math.max(1, Math.floor(x1) - Math.ceil(x0) + 1);
  };
  for (const r of v)
    for (const end of [r.from, r.to]) {
      if (covered(end, r.at)) continue;
      for (const side of [-1, 1]) {
        // The nearest column rule on this side that runs through the end's height.
        const other = v.filter((o) => o !== r && Math.sign(o.at - r.at) === side && o.from - tol <= end && o.to + tol >= end).sort((a, b) => Math.abs(a.at - r.at) - Math.abs(b.at - r.at))[0];
        if (!other) continue;
        const x0 = Math.min(r.at, other.at);
        const x1 = Math.max(r.at, other.at);
        // Narrower than any column: two strokes of one character, not two column rules.
        if (x1 - x0 < minCell) continue;
        let best = -1;
        let bestShare = 0;
        for (let y = Math.round(end - tol); y <= Math.round(end + tol); y++) {
          if (y < 1 || y >= h - 1) continue;
          const s = share(y, x0 + 2, x1 - 2);
          if (s > bestShare) (bestShare = s), (best = y);
        }
        if (best >= 0 && bestShare >= 0.85 && !covered(best, (x0 + x1) / 2)) added.push({ at: best, from: x0, to: x1 });
      }
    }
  hr.push(...added);
}

/**
 * Rules that end where rules across them are: in a ruled table every rule runs from one
 * crossing rule to another. Strokes of characters lined up on one line (the bottom strokes of
 * 行政事业, joined through a speck to the cell's border) are long enough to pass for a rule,
 * and one that covered most of a cell's edge would split the cell in two; they end inside
 * the cell, away from any crossing rule. Pieces of one rule broken by a speck are joined first.
 */
function anchored(rules: Rule[], across: Rule[], tol: number, reach: number, ink: (p: number, line: number) => boolean): Rule[] {
  /**
   * Where the end `p` of a rule on line `line` meets a crossing rule: at it (within `tol`), a
   * little past it, or a little short of it (speckle ate the rule's last pixels) where the gap is ink more than
   * half its length — the gap between a character and a cell's border is paper. Null: nowhere.
   */
  const meet = (p: number, line: number, dir: -1 | 1): number | null => {
    let best: number | null = null;
    for (const r of across) {
      if (!(r.from - tol <= line && r.to + tol >= line)) continue;
      const gap = (r.at - p) * dir;
      // A rule running on a little past the crossing one (blur, a speck beyond the border) meets it too.
      // Further short of it (up to twice as far), only where the gap is ink nearly all along: heavy
      // speckle left white specks across the rule near its end, which cut its last stretch off as a
      // run too short to count (seed 378/000001: the rule under table 三's header cell, 29 px short).
      if (gap < -reach || gap > 2 * reach) continue;
      if (gap <= tol) return r.at;
      let n = 0;
      for (let q = Math.round(p); q !== Math.round(r.at); q += dir) if (ink(q, Math.round(line))) n++;
      if (n >= (gap > reach ? 0.75 : 0.5) * Math.abs(Math.round(r.at) - Math.round(p)) && (best === null || Math.abs(r.at - p) < Math.abs(best - p))) best = r.at;
    }
    return best;
  };
  const sorted = [...rules].sort((a, b) => a.at - b.at || a.from - b.from);
  const out: Rule[] = [];
  const used = new Set<Rule>();
  for (const r of sorted) {
    if (used.has(r)) continue;
    // The chain of collinear pieces this one starts.
    const chain = [r];
    used.add(r);
    let to = r.to;
    for (let grew = true; grew; ) {
      grew = false;
      for (const o of sorted)
        if (!used.has(o) && Math.abs(o.at - r.at) <= 2 && o.from <= to + tol && o.to > to) {
          chain.push(o);
          used.add(o);
          to = o.to;
          grew = true;
        }
    }
    // Each piece stays where it is anchored itself (its ends carried to the rules they meet);
    // a chain anchored only as a whole becomes one rule.
    const from = Math.min(...chain.map((c) => c.from));
    const mean = chain.reduce((s, c) => s + c.at, 0) / chain.length;
    let all = true;
    for (const c of chain) {
      const a = meet(c.from, c.at, -1);
      const b = meet(c.to, c.at, 1);
      if (a !== null && b !== null) out.push({ at: c.at, from: Math.min(c.from, a), to: Math.max(c.to, b) });
      else all = false;
    }
    if (chain.length > 1 && !all) {
      const a = meet(from, mean, -1);
      const b = meet(to, mean, 1);
      if (a !== null && b !== null) out.push({ at: mean, from: Math.min(from, a), to: Math.max(to, b) });
      else all = false;
    }
    // An end that meets nothing (a faint rule's last stretch lost in JPEG before the next row
    // rule): the rule is kept from crossing rule to crossing rule, as far as it runs whole —
    // cut back at that end to the last rule it crosses. A stroke crossing one rule at most keeps
    // nothing, nor does a piece shorter than any cell.
    if (!all && chain.length === 1) {
      const c = chain[0];
      const crossed = across.filter((x) => x.from - tol <= c.at && x.to + tol >= c.at && x.at > c.from + tol && x.at < c.to - tol).map((x) => x.at);
      const ma = meet(c.from, c.at, -1);
      const mb = meet(c.to, c.at, 1);
      const a = ma === null ? Math.min(...crossed) : Math.min(c.from, ma);
      const b = mb === null ? Math.max(...crossed) : Math.max(c.to, mb);
      if (Number.isFinite(a) && Number.isFinite(b) && b - a > 1.5 * reach) out.push({ at: c.at, from: a, to: b });
    }
  }
  return out;
}

/**
 * A row of one line of small figures (table 四's data row in a narrow layout) is shorter than a
 * rule must be to be told from a stroke: its pieces of the column rules are not found, and the
 * row would read as one cell. A column rule found elsewhere is carried on across such a row,
 * from the row rule where it stops to the next one, where the pixels on its line are ink over
 * (nearly) the whole height between the two — only on the line of a rule already found, so a
 * stroke of a figure never becomes a rule.
 */
function extendAcrossShortRows(v: Rule[], hr: Rule[], data: Uint8Array, w: number, h: number, loose: number, half: number, minV: number): void {
  const tol = half + 2;
  const covers = (r: Rule, x: number) => r.from - tol <= x && r.to + tol >= x;
  const inkFrom = (x: number, y0: number, y1: number) => {
    const xs = [Math.round(x) - 1, Math.round(x), Math.round(x) + 1].filter((c) => c >= 0 && c < w);
    let ink = 0;
    let n = 0;
    for (let y = Math.max(0, Math.ceil(y0)); y <= Math.min(h - 1, Math.floor(y1)); y++, n++) if (xs.some((c) => data[y * w + c] < loose)) ink++;
    return n > 0 && ink >= 0.9 * n;
  };
  for (const r of v) {
    for (let down = true; ; ) {
      const end = down ? r.to : r.from;
      // The row rule the column rule stops at, then the next one along (a short row only: a
      // longer row's piece of rule would have been found).
      const at = hr.find((x) => Math.abs(x.at - end) <= tol && covers(x, r.at));
      const next = at && hr.filter((x) => covers(x, r.at) && (down ? x.at > at.at + tol && x.at - at.at <= 1.5 * minV : x.at < at.at - tol && at.at - x.at <= 1.5 * minV)).sort((a, b) => (down ? a.at - b.at : b.at - a.at))[0];
      if (next && inkFrom(r.at, Math.min(at.at, next.at) + half, Math.max(at.at, next.at) - half)) {
        if (down) r.to = Math.max(r.to, next.at);
        else r.from = Math.min(r.from, next.at);
        continue;
      }
      if (!down) break;
      down = false;
    }
  }
}

/** Runs on adjacent lines overlapping along their length → one rule at their mean position. */
function stack(runs: { at: number; from: number; to: number }[], maxThick: number, gap: number): Rule[] {
  const groups: { runs: typeof runs; last: number; from: number; to: number }[] = [];
  const open: typeof groups = [];
  for (const r of runs) {
    let g = open.find((o) => r.at - o.last <= 1 && Math.min(o.to, r.to) - Math.max(o.from, r.from) > 0.5 * Math.min(o.to - o.from, r.to - r.from));
    if (!g) {
      g = { runs: [], last: r.at, from: r.from, to: r.to };
      groups.push(g);
      open.push(g);
    }
    g.runs.push(r);
    g.last = r.at;
    g.from = Math.min(g.from, r.from);
    g.to = Math.max(g.to, r.to);
    // Groups that can no longer grow leave the open list.
    for (let i = open.length - 1; i >= 0; i--) if (r.at - open[i].last > 1) open.splice(i, 1);
  }
  const rules: Rule[] = [];
  for (const g of groups) {
    const thick = g.runs[g.runs.length - 1].at - g.runs[0].at + 1;
    if (thick > maxThick) continue;
    const at = g.runs.reduce((s, r) => s + r.at, 0) / g.runs.length;
    rules.push({ at, from: g.from, to: g.to });
  }
  // Collinear pieces (a rule broken by a crossing or a speck of white) become one.
  rules.sort((a, b) => a.at - b.at || a.from - b.from);
  const out: Rule[] = [];
  for (const r of rules) {
    const m = out.find((o) => Math.abs(o.at - r.at) <= 2 && r.from <= o.to + 3 * gap && r.to >= o.from - 3 * gap);
    if (m) {
      m.from = Math.min(m.from, r.from);
      m.to = Math.max(m.to, r.to);
    } else out.push({ ...r });
  }
  return out;
}

/** A crop of the image (clamped to it). */
export function crop(img: Grey, x0: number, y0: number, x1: number, y1: number): Grey {
  const a = Math.max(0, Math.floor(x0));
  const b = Math.max(0, Math.floor(y0));
  const c = Math.min(img.width, Math.ceil(x1));
  const d = Math.min(img.height, Math.ceil(y1));
  const w = Math.max(1, c - a);
  const h = Math.max(1, d - b);
  const data = new Uint8Array(w * h).fill(255);
  for (let y = 0; y < h && b + y < img.height; y++) data.set(img.data.subarray((b + y) * img.width + a, (b + y) * img.width + a + Math.min(w, img.width - a)), y * w);
  return { width: w, height: h, data };
}

/**
 * Share of ink pixels that stand alone (at most one inked neighbour): near 0 on a clean scan,
 * high on a speckled one (salt-and-pepper noise from a dirty glass or a bad copy).
 */
export function speckleShare(img: Grey, threshold: number): number {
  const { width: w, height: h, data } = img;
  let ink = 0;
  let lone = 0;
  for (let y = 1; y < h - 1; y += 2)
    for (let x = 1; x < w - 1; x += 2) {
      const i = y * w + x;
      if (data[i] >= threshold) continue;
      ink++;
      let n = 0;
      if (data[i - 1] < threshold) n++;
      if (data[i + 1] < threshold) n++;
      if (data[i - w] < threshold) n++;
      if (data[i + w] < threshold) n++;
      if (data[i - w - 1] < threshold) n++;
      if (data[i - w + 1] < threshold) n++;
      if (data[i + w - 1] < threshold) n++;
      if (data[i + w + 1] < threshold) n++;
      if (n <= 1) lone++;
    }
  return ink ? lone / ink : 0;
}

/** 3×3 median: removes salt-and-pepper specks (and thins 1-pixel strokes, so only for noisy pages). */
export function median3(img: Grey): Grey {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(data);
  const v = new Uint8Array(9);
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      v[0] = data[i - w - 1]; v[1] = data[i - w]; v[2] = data[i - w + 1];
      v[3] = data[i - 1]; v[4] = data[i]; v[5] = data[i + 1];
      v[6] = data[i + w - 1]; v[7] = data[i + w]; v[8] = data[i + w + 1];
      // Partial insertion sort up to the middle element.
      for (let a = 0; a <= 4; a++) {
        let m = a;
        for (let b = a + 1; b < 9; b++) if (v[b] < v[m]) m = b;
        const t = v[a]; v[a] = v[m]; v[m] = t;
      }
      out[i] = v[4];
    }
  return { width: w, height: h, data: out };
}

/**
 * Specks removed: 8-connected ink components smaller than `minSize` pixels become paper.
 * Strokes and ruling lines, however thin, are large components and stay.
 */
export function despeckle(img: Grey, threshold: number, minSize: number, maxExtent = Infinity): Grey {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(data);
  const seen = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  const comp: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (seen[start] || data[start] >= threshold) continue;
    let sp = 0;
    stack[sp++] = start;
    seen[start] = 1;
    comp.length = 0;
    let x0 = Infinity, x1 = -1, y0 = Infinity, y1 = -1;
    while (sp > 0) {
      const i = stack[--sp];
      if (comp.length <= minSize) comp.push(i);
      const x = i % w;
      const y = (i - x) / w;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const j = yy * w + xx;
          if (!seen[j] && data[j] < threshold) {
            seen[j] = 1;
            stack[sp++] = j;
          }
        }
      }
    }
    // Small and compact: a speck. (A minus sign is small too, but long.)
    if (comp.length < minSize && Math.max(x1 - x0, y1 - y0) + 1 < maxExtent) for (const i of comp) out[i] = 255;
  }
  return { width: w, height: h, data: out };
}

/** The paper's grey level: the most frequent level above the ink threshold. */
export function paperLevel(img: Grey, threshold: number): number {
  const hist = new Uint32Array(256);
  for (let i = 0; i < img.data.length; i += 2) hist[img.data[i]]++;
  let best = 255;
  for (let v = threshold; v < 256; v++) if (hist[v] > hist[best]) best = v;
  return best;
}

/**
 * Does the figure in this crop start with a minus sign: a short horizontal bar, standing alone,
 * left of the other ink? Read from the pixels, since recognisers drop it.
 */
export function leadingBar(img: Grey, threshold: number, dpi: number): boolean {
  const { width: w, height: h, data } = img;
  let inkTop = h;
  let inkBottom = -1;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (data[y * w + x] < threshold) {
        inkTop = Math.min(inkTop, y);
        inkBottom = Math.max(inkBottom, y);
        break;
      }
  if (inkBottom < 0) return false;
  const fullH = inkBottom - inkTop + 1;
  const maxBar = Math.max(2, Math.round(dpi * 0.03));
  // Columns from the left while the ink in them is a thin band in the middle of the figure.
  let barCols = 0;
  let seenInk = false;
  for (let x = 0; x < w; x++) {
    let top = h;
    let bottom = -1;
    for (let y = 0; y < h; y++)
      if (data[y * w + x] < threshold) {
        if (y < top) top = y;
        bottom = y;
      }
    if (bottom < 0) {
      if (seenInk) break;
      continue;
    }
    seenInk = true;
    const mid = (top + bottom) / 2 - inkTop;
    if (bottom - top + 1 > maxBar || mid < 0.3 * fullH || mid > 0.75 * fullH) break;
    barCols++;
  }
  return fullH >= 3 * maxBar && barCols >= Math.max(3, Math.round(dpi * 0.025));
}

/**
 * A faint minus sign left of a figure's ink box (lighter than the ink threshold after blur or
 * JPEG): a thin horizontal run in the middle band of the figure, between the cell's left edge
 * and the figure, at the looser threshold.
 */
export function barLeftOf(img: Grey, left: number, ink: [number, number, number, number], loose: number, dpi: number): boolean {
  const [x0, y0, , y1] = ink;
  const from = Math.max(0, Math.round(left));
  const to = Math.max(from, Math.round(x0) - 1);
  const fullH = y1 - y0;
  const minLen = Math.max(3, Math.round(dpi * 0.025));
  const maxBar = Math.max(2, Math.round(dpi * 0.03));
  const rows: number[] = [];
  for (let y = Math.round(y0); y < Math.round(y1); y++) {
    let run = 0;
    let best = 0;
    for (let x = from; x < to; x++) {
      if (img.data[y * img.width + x] < loose) best = Math.max(best, ++run);
      else run = 0;
    }
    if (best >= minLen && best <= dpi * 0.12) rows.push(y - y0);
  }
  if (rows.length === 0 || rows.length > maxBar + 1) return false;
  const mid = (rows[0] + rows[rows.length - 1]) / 2;
  return rows[rows.length - 1] - rows[0] <= maxBar && mid >= 0.3 * fullH && mid <= 0.75 * fullH;
}
