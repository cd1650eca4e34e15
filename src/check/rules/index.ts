/** Every single-report rule, in the order of the catalogue (spec/checks.md); unreadable last. */
import type { Rule } from '../rule.js';
import requestsBalance from './requests-balance.js';
import requestsRowTotal from './requests-row-total.js';
import requestsOutcomeTotal from './requests-outcome-total.js';
import requestsOtherTotal from './requests-other-total.js';
import appealsTotal from './appeals-total.js';
import cellMissing from './cell-missing.js';
import cellInvalid from './cell-invalid.js';
import tableMissing from './table-missing.js';
import sectionMissing from './section-missing.js';
import templateVersion from './template-version.js';
import rulesAuthority from './rules-authority.js';
import sectionOrder from './section-order.js';
import sectionNumbering from './section-numbering.js';
import titleYear from './title-year.js';
import labelVariant from './label-variant.js';
import zeroNotation from './zero-notation.js';
import textTableMismatch from './text-table-mismatch.js';
import rowShift from './row-shift.js';
import feeStatementMissing from './fee-statement-missing.js';
import feeUnpaidWithoutNotice from './fee-unpaid-without-notice.js';
import publishedLate from './published-late.js';
import templateResidue from './template-residue.js';
import foreignEntity from './foreign-entity.js';
import unreadable from './unreadable.js';

export const RULES: Rule[] = [
  requestsBalance,
  requestsRowTotal,
  requestsOutcomeTotal,
  requestsOtherTotal,
  appealsTotal,
  cellMissing,
  cellInvalid,
  tableMissing,
  sectionMissing,
  templateVersion,
  rulesAuthority,
  sectionOrder,
  sectionNumbering,
  titleYear,
  labelVariant,
  zeroNotation,
  textTableMismatch,
  rowShift,
  feeStatementMissing,
  feeUnpaidWithoutNotice,
  publishedLate,
  templateResidue,
  foreignEntity,
  unreadable,
];
