/** A proposed correction: which cells change, from what to what, and why. */
import type { CellValue } from '../core/types.js';
import type { CanonicalReport } from '../render/canonical.js';

export interface CellChange {
  key: string;
  from: CellValue;
  to: number;
}

export interface FixProposal {
  /** Pattern id (stable, for machines). */
  pattern: string;
  /** Short Chinese title. */
  title: string;
  /** Why, with the figures: the pattern seen and why the correction is the only one the report allows. */
  reason: string;
  /** What in the report's own text confirms (or contradicts) the correction, when it says anything. */
  evidence?: string;
  changes: CellChange[];
}

/**
 * A defect pattern. `propose` looks at the report (cells already corrected by earlier
 * patterns) and returns proposals whose every changed value follows from the report
 * itself; it returns nothing when the correction is not determined.
 */
export interface FixPattern {
  id: string;
  title: string;
  /** What the pattern recognises, in Chinese (for help and documentation). */
  description: string;
  propose(r: CanonicalReport): FixProposal[];
}
