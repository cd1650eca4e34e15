/** Chinese names of the administrative levels, for every place that shows one (CLI export, server, web). */
import type { Level } from './types.js';

export const LEVEL_NAMES: Record<Level, string> = {
  province: '省级',
  city: '市级',
  county: '县区级',
  township: '乡镇',
  subdistrict: '街道',
  department: '部门',
  other: '其他',
};
