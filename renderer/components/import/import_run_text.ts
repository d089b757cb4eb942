/**
 * Strings of the import's progress and cancel notices, in English and Chinese, until they move into
 * renderer/i18n (en_import.ts / zh_import.ts, keys import.progressPercent, import.phaseReading,
 * import.phaseParsing, import.phaseWriting, import.cancelling, import.cancelledNothingWritten).
 * `{{name}}` placeholders as in i18next.
 */
import { useTranslation } from 'react-i18next';
import type { ImportJobStatus } from '../../../shared/ipc/contract';

const TEXT = {
  en: {
    progressPercent: '{{percent}} % · {{phase}} · {{seconds}} s',
    reading: 'reading the files',
    parsing: 'reading and checking every record',
    writing: 'writing to the project (all records or none)',
    cancelling: 'Cancelling — the app stops at its next step and writes nothing…',
    cancelledNothingWritten: 'Import cancelled: nothing was written to “{{layer}}”.',
  },
  zh: {
    progressPercent: '{{percent}}% · {{phase}} · {{seconds}} 秒',
    reading: '正在读取文件',
    parsing: '正在读取并检查每条记录',
    writing: '正在写入项目（全部写入或全不写入）',
    cancelling: '正在取消：应用会在下一步停止，不写入任何内容…',
    cancelledNothingWritten: '已取消导入：没有向“{{layer}}”写入任何内容。',
  },
} as const;

type Key = keyof (typeof TEXT)['en'];

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The strings in the UI language; `phase` names an import phase as the progress line shows it. */
export function useImportRunText(): { text(key: Key, values?: Record<string, string | number>): string; phase(phase: ImportJobStatus['phase']): string } {
  const { i18n } = useTranslation();
  const strings = i18n.language === 'zh' ? TEXT.zh : TEXT.en;
  return {
    text: (key, values = {}) => fill(strings[key], values),
    phase: (phase) => strings[phase],
  };
}
