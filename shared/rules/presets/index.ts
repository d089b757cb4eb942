/** The bundled presets, by id. A project picks one, or an edited copy of one (./parse_preset.ts). */
import type { Preset } from '../rule';
import { CHISHUI } from './chishui';
import { DOUMEN } from './doumen';
import { FUTIAN } from './futian';
import { FUZHOU } from './fuzhou';
import { NANHAI } from './nanhai';
import { NATIONAL } from './national';

export const PRESETS: Readonly<Record<'nanhai' | 'doumen' | 'fuzhou' | 'futian' | 'chishui' | 'national', Preset>> = {
  nanhai: NANHAI,
  doumen: DOUMEN,
  fuzhou: FUZHOU,
  futian: FUTIAN,
  chishui: CHISHUI,
  national: NATIONAL,
};
