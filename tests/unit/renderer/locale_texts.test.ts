/**
 * Texts in the chosen language, with the app's real i18next options and message files: counts
 * formatted by locale (and English plurals), share changes in percentage points, and host and
 * basemap errors said completely in Chinese when Chinese is chosen (the host's messages are
 * English), with the raw message kept only for errors the UI does not know.
 */
import i18next, { type TFunction } from 'i18next';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_REASONS, InputError, type ErrorCause, type ErrorReason, type InputErrorLocation } from '../../../shared/errors';
import { allowedProjectPath, createBrowserHandlers } from '../../../electron/host/browser_file_access';
import { createHandlers } from '../../../electron/services/api_handlers';
import { ProjectSession } from '../../../electron/services/project_session';
import type { Channel } from '../../../shared/ipc/contract';
import { ApiError } from '../../../renderer/api/client';
import { filesToSource, UploadTooLargeError } from '../../../renderer/api/files';
import { makeFormatters } from '../../../renderer/i18n/format';
import { i18nOptions, type UiLanguage } from '../../../renderer/i18n/i18n';
import { en } from '../../../renderer/i18n/en';
import { zh } from '../../../renderer/i18n/zh';
import { BasemapError } from '../../../renderer/map/basemap';
import { describeError, describeMapError } from '../../../renderer/state/describe_error';
import { downloadReply, MissingDownloadError } from '../../../renderer/api/files';
import { toReplyError } from '../../../electron/services/reply_error';
import { damagedFileError } from '../../../electron/services/store/stored_values';
import { ProjectBusyError } from '../../../electron/services/store/write_lock';
import { makeChangeFormatter } from '../../../renderer/workspace/figure_format';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { editedCopy, ENDLESS_POPULATION_VIEW } from '../../helpers/hostile_files';
import { tempDir } from '../../helpers/paths';
import { loadSample } from '../../../electron/services/load_sample';
import { readProjectSnapshot } from '../../../electron/services/store/project_snapshot';
import { runAnalysisTask } from '../../../renderer/workers/analysis_task';
import { WorkerMemory } from '../../../renderer/workers/worker_memory';
import { runOptimizeTask } from '../../../renderer/workers/optimize_task';
import { WorkerTaskError } from '../../../renderer/workers/task_worker';
import { toWorkerError } from '../../../renderer/workers/worker_protocol';

async function translator(language: UiLanguage): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init(i18nOptions(language));
  return instance.t;
}

/** The reply the hosts send for `error` (electron/services/reply_error.ts), as the renderer's client throws it. */
const asReply = (channel: Channel, error: unknown) => ApiError.fromReply(channel, toReplyError(error));

/** An error reply as the host sends it for an InputError with this location and reason. */
const inputError = (channel: Channel, message: string, location: InputErrorLocation, cause?: ErrorCause) =>
  asReply(channel, new InputError(message, location, cause));

/** The error `run` throws, as the reply of `channel`. */
async function refusal(channel: Channel, run: () => unknown): Promise<ApiError> {
  try {
    await run();
  } catch (error) {
    return asReply(channel, error);
  }
  throw new Error('expected a refusal');
}

function leafStrings(tree: object, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leafStrings(value as object, `${prefix}${key}.`),
  );
}

describe('numbers in texts', () => {
  it('formats counts by locale, with English plurals', async () => {
    const tEn = await translator('en');
    const tZh = await translator('zh');
    expect(tEn('legend.circleCount', { count: 12345 })).toBe('12,345 facilities in the analysis');
    expect(tEn('legend.circleCount', { count: 1 })).toBe('1 facility in the analysis');
    expect(tZh('legend.circleCount', { count: 12345 })).toBe('12,345 处设施计入分析');
    expect(tEn('workspace.scenarios.confirmDelete', { name: 'East', count: 1 })).toBe('Delete the scenario “East” and its 1 proposal? This cannot be undone.');
    expect(tEn('workspace.scenarios.confirmDelete', { name: 'East', count: 1200 })).toContain('its 1,200 proposals?');
    expect(tZh('workspace.scenarios.confirmDelete', { name: '东片', count: 1200 })).toBe('删除方案“东片”及其 1,200 处拟建设施？此操作无法撤销。');
    expect(tEn('import.skipped', { count: 2048 })).toBe('2,048 rows skipped:');
    expect(tEn('import.result', { count: 1, layer: 'Boundaries', file: 'zones.geojson' })).toBe('1 feature imported into “Boundaries” from zones.geojson.');
    expect(tZh('import.result', { count: 24470, layer: '人口网格', file: 'grid.csv' })).toBe('已从 grid.csv 向“人口网格”导入 24,470 个要素。');
  });

  it('every {{count}} in every text is formatted by locale', () => {
    for (const [key, text] of [...leafStrings(en), ...leafStrings(zh)]) {
      expect(text.includes('{{count}}'), `${key}: ${text}`).toBe(false);
    }
  });

  it('says share changes in percentage points and opacities in whole percent', async () => {
    for (const [language, unit] of [['en', 'pp'], ['zh', '个百分点']] as const) {
      const t = await translator(language);
      const format = makeFormatters(language, '—');
      const change = makeChangeFormatter(format, '—', (value) => t('workspace.figures.points', { value }));
      expect(change('share', 0.4, 0.426)).toMatchObject({ before: '40.0%', after: '42.6%', delta: `+2.6 ${unit}`, direction: 1 });
      expect(change('share', 0.4, 0.4).delta).toBe(`±0 ${unit}`);
      expect(change('count', 1000, 2204.4).delta).toBe('+1,204');
      expect(format.wholePercent(0.6)).toBe('60%');
    }
  });
});

describe('host errors in the chosen language', () => {
  it('says a taken scenario name in Chinese, without the English host message', async () => {
    const t = await translator('zh');
    const error = inputError('scenario:create', 'a scenario named "东片方案" already exists', { field: 'scenario' }, { reason: 'scenario_name_taken', params: { name: '东片方案' } });
    expect(error.message).toBe('field scenario: a scenario named "东片方案" already exists');
    expect(describeError(error, t)).toBe('已有名为“东片方案”的方案。请换一个名称。');
    expect(describeError(error, await translator('en'))).toBe('A scenario named “东片方案” already exists. Choose another name.');
  });

  it('counts atlas pages in English with the plural they need', async () => {
    const t = await translator('en');
    expect(t('print.atlasLevel', { level: 'Street', count: 1 })).toBe('Street (1 page)');
    expect(t('print.atlasExport', { count: 24 })).toBe('Export atlas PDF (24 pages)');
    expect((await translator('zh'))('print.atlasExport', { count: 1 })).toBe('导出图集 PDF（1 页）');
  });

  it('says a download reply without content in the chosen language, and downloads nothing', async () => {
    let thrown: unknown = null;
    try {
      downloadReply({ name: 'estate_reviews.xlsx', content: null, contentEncoding: 'base64' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MissingDownloadError);
    expect(describeError(thrown, await translator('zh'))).toBe('未收到“estate_reviews.xlsx”的内容，未下载任何文件。请刷新页面后重试。');
    expect(describeError(thrown, await translator('en'))).toBe('The app received no content for “estate_reviews.xlsx”, so nothing was downloaded. Reload the page and try again.');
  });

  it('knows the project, scenario, export and import errors of the services', async () => {
    const t = await translator('zh');
    // Folders of the browser host (temporary, so no machine path is written into the test).
    const elsewhere = tempDir();
    const planning = join(tempDir(), '规划');
    const [folderA, folderB] = [tempDir(), tempDir()];
    const cases: Array<[ApiError, string]> = [
      [await refusal('project:open', () => ProjectStore.open('projects/a.gpkg')), '无法打开 projects/a.gpkg：找不到项目文件。请检查路径，或在该位置新建项目。'],
      [
        inputError('project:open', 'a project file name must end in .gpkg', { file: 'notes.txt' }, { reason: 'project_name_not_gpkg' }),
        '项目文件名必须以 .gpkg 结尾（notes.txt）。请加上 .gpkg 后重试。',
      ],
      [
        inputError('scenario:create', 'the baseline scenario cannot be deleted', { field: 'scenario' }, { reason: 'baseline_not_deletable' }),
        '现状方案表示现有设施，不能删除。请选择其他方案删除。',
      ],
      [
        inputError('scenario:create', 'a scenario name has at most 200 characters', { field: 'name' }, { reason: 'scenario_name_too_long', params: { max: 200 } }),
        '方案名称最多 200 个字符。请缩短后重试。',
      ],
      [
        inputError('layer:import', 'no facilities records found (3 skipped)', { file: 'a.csv' }, { reason: 'import_no_records', params: { layer: 'facilities', skipped: 3 } }),
        '在 a.csv 中没有找到“养老设施”图层的记录（跳过 3 行）。请确认文件是否正确并检查字段对应。',
      ],
      [
        inputError(
          'project:open',
          'project schema version 9 is newer than this app understands (3); open it with a newer version of Siting Planner',
          { file: 'new.gpkg' },
          { reason: 'schema_too_new', params: { version: 9, latest: 3 } },
        ),
        'new.gpkg 由更新版本的选址规划程序保存（项目版本 9，本程序最高支持 3）。请用更新版本的程序打开。',
      ],
      [
        await refusal('dialog:file:open', () => createHandlers(new ProjectSession(), { host: 'browser', version: 'test', dialogs: null })['dialog:file:open']({ purpose: 'project' })),
        '文件对话框仅在桌面程序中可用。请直接输入文件路径。',
      ],
      // electron/host/browser_file_access.ts, as the browser host refuses them.
      [
        await refusal('layer:import:preview', () =>
          createBrowserHandlers(new ProjectSession(), { version: 'test', projectFolders: [tempDir()] })['layer:import:preview']({
            layer: 'facilities',
            file: { path: join(tempDir(), 'a.csv') },
            options: {},
          }),
        ),
        '在浏览器中，文件通过上传导入、以下载方式导出。按路径打开或写入文件请使用桌面程序或 `siting` 命令行。',
      ],
      [
        await refusal('project:create', () => allowedProjectPath(join(elsewhere, 'a.gpkg'), { projectFolders: [planning] })),
        `在浏览器中，项目文件必须位于 ${planning}。只输入文件名（例如 wuchang-2026.gpkg）即可将项目保存在该处。`,
      ],
      [
        await refusal('project:open', () => allowedProjectPath(join(elsewhere, 'a.gpkg'), { projectFolders: [folderA, folderB] })),
        `在浏览器中，项目文件必须位于 ${folderA}, ${folderB}。只输入文件名（例如 wuchang-2026.gpkg）即可将项目保存在该处。`,
      ],
    ];
    expect(cases[0][0].message).toBe('projects/a.gpkg: project file not found');
    expect(cases[cases.length - 1][0].message).toBe(`in the browser version project files must be inside one of the project folders ${folderA}, ${folderB}`);
    for (const [error, expected] of cases) expect(describeError(error, t)).toBe(expected);
    // The e2e tests of other panels read these phrases in English.
    const tEn = await translator('en');
    expect(describeError(cases[0][0], tEn)).toContain('project file not found');
    expect(describeError(cases[1][0], tEn)).toContain('must end in .gpkg');
  });

  it('says that another program holds the project file, naming the file, in the chosen language', async () => {
    // The reply exactly as the host builds it from the store's error (electron/ipc/dispatch.ts).
    const reply = toReplyError(new ProjectBusyError('projects/武汉.gpkg', 60_400));
    expect(reply).toMatchObject({ code: 'busy', details: { file: 'projects/武汉.gpkg' } });
    expect(reply).toMatchObject({ reason: 'project_locked', params: { seconds: 60 } });
    const error = ApiError.fromReply('proposals:apply', reply);
    expect(describeError(error, await translator('zh'))).toBe(
      '另一个程序正在写入项目文件 projects/武汉.gpkg（某个 `siting` 命令，或在另一个窗口中打开的同一项目），已等待 60 秒。本次修改未保存：请等该程序完成后再试。',
    );
    expect(describeError(error, await translator('en'))).toBe(
      'Another program is writing to the project file projects/武汉.gpkg (a `siting` command, or this project open in another window); waited 60 s for it. This change was not saved: try again when the other program has finished.',
    );
  });

  it('says the import refusals of the host and the browser in the chosen language', async () => {
    const tEn = await translator('en');
    const tZh = await translator('zh');
    // Each as the host words it (electron/services/store/audited_writes.ts, import/import_jobs.ts,
    // electron/host/http_host.ts), location and all.
    const notEmpty = inputError(
      'layer:import:start',
      'the population layer already holds 494,676 cells; importing population again would add a second count to every cell that is in both. ' +
        'Use --replace to replace the layer, or --append to add the cells of another area',
      { file: 'wuhan_core_grid_100m.csv', field: 'layer', expected: 'an empty population layer, --replace, or --append with new cell ids' },
      { reason: 'population_not_empty', params: { count: 494676 } },
    );
    const cellExists = inputError(
      'layer:import:start',
      'cell_id "r120c45" is already in the population layer; --append adds only cells with new cell ids (a cell_id column, else the row number or the raster row/column); use --replace to replace the layer',
      { file: 'grid.csv', row: 3, field: 'cell_id' },
      { reason: 'population_cell_exists', params: { id: 'r120c45' } },
    );
    const running = inputError(
      'layer:import:start',
      'another import is still running; wait for it to finish or cancel it first',
      { expected: 'one import at a time' },
      { reason: 'import_running' },
    );
    const tooLarge = inputError(
      'layer:import:start',
      'the request is larger than 511 MB: files uploaded through the browser may be at most 380 MB together (larger ones, up to 1024 MB: open them by path in the desktop app or with `siting import`)',
      {},
      { reason: 'request_too_large', params: { limit: 380 } },
    );
    const cases: Array<[ApiError, string, string]> = [
      [
        notEmpty,
        'The population grid already has 494,676 cells. Tick “Replace the features already in this layer” to import this grid instead.',
        '人口网格已有 494,676 个格网。请勾选“替换此图层中已有的要素”后再导入。',
      ],
      [cellExists, 'Cell r120c45 is already in the population grid; tick Replace.', '格网 r120c45 已在人口网格中，请勾选“替换”。'],
      [running, 'Another import is still running; wait for it or cancel it.', '另一个导入仍在进行，请等待其完成或取消。'],
      [
        tooLarge,
        'Files uploaded through the browser may be at most 380 MB together; use the desktop app or `siting import`.',
        '通过浏览器上传的文件合计不能超过 380 MB；请使用桌面应用或 `siting import`。',
      ],
    ];
    for (const [error, english, chinese] of cases) {
      expect(describeError(error, tEn)).toBe(english);
      expect(describeError(error, tZh)).toBe(chinese);
    }
    // The Replace box the texts point to is labelled with those words, and says what happens without it.
    expect(tEn('import.replace')).toMatch(/^Replace the features already in this layer \(.*population grid that already has cells.*refused/);
    expect(tZh('import.replace')).toMatch(/^替换此图层中已有的要素（.*人口网格已有格网.*拒绝/);

    // Chosen in the browser: refused before reading, in the chosen language too.
    const big = { name: 'bands.tif', size: 400 * 1048576 } as File;
    const refused = await filesToSource([big]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UploadTooLargeError);
    expect(describeError(refused, tEn)).toBe(
      'The chosen files are 400 MB; files uploaded through the browser may be at most 380 MB together. Use the desktop app or `siting import` for larger files, or clip them first.',
    );
    expect(describeError(refused, tZh)).toBe('所选文件共 400 MB；通过浏览器上传的文件合计不能超过 380 MB。更大的文件请使用桌面应用或 `siting import`，或先裁剪。');
  });

  it('says the refusal of a hostile or damaged project file, and a missing folder, in the chosen language', async () => {
    const tEn = await translator('en');
    const tZh = await translator('zh');
    // The host's own errors (electron/services/store), as dispatch sends them.
    const dir = tempDir();
    const base = join(dir, 'base.gpkg');
    ProjectStore.create(base).close();
    const reply = (run: () => unknown, channel: 'project:open' | 'project:create' = 'project:open') => refusal(channel, run);
    const trigger = editedCopy(base, dir, 'trigger.gpkg', (db) => db.exec('CREATE TRIGGER w AFTER INSERT ON audit_log BEGIN DELETE FROM facilities; END'));
    const view = editedCopy(base, dir, 'view.gpkg', (db) => db.exec(`DROP TABLE population; ${ENDLESS_POPULATION_VIEW}`));
    const missing = editedCopy(base, dir, 'missing.gpkg', (db) => db.exec('DROP TABLE roads'));
    const cases: Array<[ApiError, string, string]> = [
      [
        await reply(() => ProjectStore.open(trigger)),
        `${trigger} was not opened: it contains a trigger “w” (on audit_log) that Siting Planner does not create. A trigger runs its own commands on every edit and could change or delete data unnoticed. Open a copy you trust; if you trust this file, remove the trigger with an SQLite tool first.`,
        `未打开 ${trigger}：其中有选址规划程序不会创建的触发器“w”（作用于 audit_log）。触发器会在每次编辑时执行自己的命令，可能在不知不觉中修改或删除数据。请打开可信的副本；如确认此文件可信，请先用 SQLite 工具删除该触发器。`,
      ],
      [
        await reply(() => ProjectStore.open(view)),
        `${view} was not opened: it contains a view “population” that Siting Planner does not create. A view runs its own query whenever it is read, and may never finish. Open a copy you trust; if you trust this file, remove the view with an SQLite tool first.`,
        `未打开 ${view}：其中有选址规划程序不会创建的视图“population”。视图在每次读取时执行自己的查询，可能永远无法结束。请打开可信的副本；如确认此文件可信，请先用 SQLite 工具删除该视图。`,
      ],
      [
        await reply(() => ProjectStore.open(missing)),
        `${missing} was not opened: its table “roads” was changed outside Siting Planner (missing, replaced, or linked so that edits would change it behind the audit log). Open a copy made before the change, or create a new project and import the layers.`,
        `未打开 ${missing}：其数据表“roads”在选址规划程序之外被改动（缺失、被替换，或被关联成编辑时会绕过审计日志改动它）。请打开改动之前的副本，或新建项目并导入图层。`,
      ],
      [
        await reply(() => ProjectStore.create(join(dir, 'nowhere', 'p.gpkg')), 'project:create'),
        `The folder ${join(dir, 'nowhere')} does not exist. Create it first, or choose another folder.`,
        `文件夹 ${join(dir, 'nowhere')} 不存在。请先创建，或选择其他文件夹。`,
      ],
    ];
    for (const [error, english, chinese] of cases) {
      expect(describeError(error, tEn)).toBe(english);
      expect(describeError(error, tZh)).toBe(chinese);
    }
    const corrupt = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    const damaged = asReply('project:open', damagedFileError(corrupt, 'p.gpkg', 'population'));
    expect(damaged.message).toBe('p.gpkg: layer population: the project file is damaged (database disk image is malformed); restore it from a copy or a backup');
    expect(describeError(damaged, tZh)).toBe('p.gpkg 中的“人口网格”图层已损坏（database disk image is malformed）。请从副本或备份恢复该文件。');
    expect(describeError(damaged, tEn)).toBe('The layer “Population grid” of p.gpkg is damaged (database disk image is malformed). Restore the file from a copy or a backup.');
  });

  it('says the progress and the cancel of an import in the chosen language', async () => {
    const tEn = await translator('en');
    const tZh = await translator('zh');
    expect(tEn('import.progressPercent', { percent: 42, phase: tEn('import.phaseWriting'), seconds: 3 })).toBe('42 % · writing to the project (all records or none) · 3 s');
    expect(tZh('import.progressPercent', { percent: 42, phase: tZh('import.phaseParsing'), seconds: 3 })).toBe('42% · 正在读取并检查每条记录 · 3 秒');
    expect(tEn('import.cancelledNothingWritten', { layer: tEn('layers.population') })).toBe('Import cancelled: nothing was written to “Population grid”.');
    expect(tZh('import.cancelledNothingWritten', { layer: '人口网格' })).toBe('已取消导入：没有向“人口网格”写入任何内容。');
  });

  it('never reads the message: the wording of a known error without its reason is shown as it is', async () => {
    const tZh = await translator('zh');
    const worded = inputError('project:open', 'project file not found', { file: 'projects/a.gpkg' });
    expect(describeError(worded, tZh)).toBe('输入未被接受：projects/a.gpkg：project file not found。请修改其中指出的文件或数值后重试。');
    // and a reason says its text whatever the message is.
    const reworded = inputError('project:open', 'there is no such project', { file: 'projects/a.gpkg' }, { reason: 'project_not_found' });
    expect(describeError(reworded, tZh)).toBe('无法打开 projects/a.gpkg：找不到项目文件。请检查路径，或在该位置新建项目。');
  });

  it('keeps the message of an unknown error, with its place in the chosen language', async () => {
    const t = await translator('zh');
    const error = inputError('layer:import', 'latitude must be in [-90, 90], got 123', { file: 'a.csv', row: 3, field: 'lat', expected: 'a number' });
    expect(describeError(error, t)).toBe('输入未被接受：a.csv，第 3 行，字段 lat：latitude must be in [-90, 90], got 123（应为 a number）。请修改其中指出的文件或数值后重试。');
    expect(describeError(error, await translator('en'))).toBe(
      'The input was not accepted: a.csv, row 3, field lat: latitude must be in [-90, 90], got 123 (expected a number). Correct the file or value named here and try again.',
    );
    // Zod issues as details (dispatch's own input check): the message as it is.
    const zod = new ApiError('scenario:create', 'bad_input', 'invalid input for scenarios:create: name too short', [{ path: ['name'] }]);
    expect(describeError(zod, t)).toBe('输入未被接受：invalid input for scenarios:create: name too short。请修改其中指出的文件或数值后重试。');
  });

  it('says basemap failures in the chosen language with what to do', async () => {
    const t = await translator('zh');
    expect(describeMapError(new BasemapError('http', 'https://tiles.example/style.json', 404), t)).toBe(
      '底图服务器对“https://tiles.example/style.json”返回错误 404。请检查设置中的地址；项目图层仍正常显示。',
    );
    expect(describeError(new BasemapError('not_https', 'http://tiles.example/{z}/{x}/{y}.png'), t)).toContain('必须以 https:// 开头');
    expect(describeMapError(new BasemapError('not_style', 'https://x.example/a.json'), await translator('en'))).toContain('neither an XYZ tile template (with {z}/{x}/{y}) nor a MapLibre style');
    expect(describeMapError(new Error('WebGL2 is not available'), t)).toBe('地图无法绘制：WebGL2 is not available。面板中的数字仍然有效。');
  });
});

describe('a text for every reason of the hosts', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]).sort();
  const reasons = Object.keys(ERROR_REASONS) as ErrorReason[];

  it('has an English and a Chinese text for each reason, and none for anything else', () => {
    expect(Object.keys(en.errors.known).sort()).toEqual([...reasons].sort());
    expect(Object.keys(zh.errors.known).sort()).toEqual([...reasons].sort());
    for (const reason of reasons) {
      expect(en.errors.known[reason].length, reason).toBeGreaterThan(20);
      expect(zh.errors.known[reason], reason).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('each text names only the params of its reason (and the file of the location), the same in both languages', () => {
    for (const reason of reasons) {
      const allowed = new Set<string>([...ERROR_REASONS[reason], 'file']);
      const inEnglish = placeholders(en.errors.known[reason]);
      for (const name of inEnglish) expect(allowed.has(name), `${reason}: {{${name}}}`).toBe(true);
      expect(new Set(placeholders(zh.errors.known[reason])), reason).toEqual(new Set(inEnglish));
    }
  });

  it('says every reason in both languages with all its params filled in', async () => {
    const tEn = await translator('en');
    const tZh = await translator('zh');
    for (const reason of reasons) {
      const params = Object.fromEntries(ERROR_REASONS[reason].map((name, i) => [name, name === 'layer' ? 'roads' : `P${i}`]));
      const error = new ApiError('project:open', 'bad_input', 'the English message', { file: 'F.gpkg' }, { reason, params });
      for (const text of [describeError(error, tEn), describeError(error, tZh)]) {
        expect(text, reason).not.toContain('{{');
        expect(text, reason).not.toContain('English message');
        expect(text, reason).not.toContain('errors.known');
      }
    }
  });
});

describe("the analysis worker's refusals in the chosen language", () => {
  it('says why a suggestion or an analysis cannot run, from the reason the use case gives, never from its English message', async () => {
    const tZh = await translator('zh');
    const tEn = await translator('en');
    // A real project without roads: the Wuhan sample. The worker's own tasks refuse, as in the app.
    const path = join(tempDir(), 'refusals.gpkg');
    const store = ProjectStore.create(path);
    await loadSample(store, 'wuhan-core');
    const snapshot = readProjectSnapshot(store);
    const { grid } = snapshot;
    const payload = { key: 'sample', data: { count: grid.count, fid: grid.fid!, lon: grid.lon, lat: grid.lat, population: grid.population, elderly: grid.elderly, hasPopulation: grid.hasPopulation, hasElderly: grid.hasElderly } };
    const refusal = async (run: () => Promise<unknown>) => {
      const thrown = await run().then(
        () => null,
        (error: unknown) => error,
      );
      return new WorkerTaskError(toWorkerError(thrown));
    };
    const network = await refusal(() =>
      runOptimizeTask(
        { grid: payload, roads: null, facilities: [...snapshot.facilities], candidates: [], boundaries: [], settings: { problem: 'max-coverage', k: 2, mode: 'network' }, method: 'auto', seed: 1, highsWasmUrl: '' },
        new WorkerMemory(),
      ),
    );
    expect(network.reason).toBe('roads_missing');
    expect(describeError(network, tZh)).toBe(zh.errors.known.roads_missing);
    expect(describeError(network, tEn)).toBe(en.errors.known.roads_missing);
    const tooMany = await refusal(() =>
      runOptimizeTask(
        { grid: payload, roads: null, facilities: [], candidates: [], boundaries: [], settings: { problem: 'max-coverage', k: 5000, mode: 'circle', candidates: { source: 'grid', gridM: 1000 } }, method: 'auto', seed: 1, highsWasmUrl: '' },
        new WorkerMemory(),
      ),
    );
    expect(tooMany.reason).toBe('too_few_candidates');
    const eligible = tooMany.params.eligible as number;
    expect(eligible).toBeGreaterThan(0);
    expect(describeError(tooMany, tZh)).toBe(`要求新增 5,000 处设施，但符合条件的候选地块只有 ${eligible.toLocaleString('zh')} 个。请减少新增数量或放宽筛选条件。`);
    const byArea = await refusal(async () =>
      runAnalysisTask(
        { grid: payload, cellSize: null, facilities: [...snapshot.facilities], kinds: ['day_care'], roads: null, boundaries: null, options: { mode: 'circle', radiiM: [1000], byArea: true }, serviceAreas: false },
        new WorkerMemory(),
      ),
    );
    expect(describeError(byArea, tZh)).toBe(zh.errors.known.boundaries_missing);
    store.close();
  });
});
