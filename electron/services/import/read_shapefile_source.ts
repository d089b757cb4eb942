/**
 * Shapefile import: a .zip holding one or more shapefiles, or the .shp with its sidecars (.dbf, .prj,
 * .cpg; .shx is not needed) given together. Geometry from read_shp_geometries.ts, attributes from
 * read_dbf.ts (encoding from .cpg, else detected: UTF-8 or GBK), CRS from the .prj via shared/geodesy
 * crsFromWkt (CGCS2000 Gauss–Krüger zones, UTM, Web Mercator, WGS84 ...), or options.crs, which wins.
 * Without a .prj the coordinates are taken as WGS84, and metres are refused with a suggested --crs.
 * Records flagged deleted in the .dbf are skipped and listed.
 */
import { InputError } from '../../../shared/errors';
import { crsFromWkt, type CrsSpec } from '../../../shared/geodesy/crs';
import type { ImportOptions } from '../../../shared/ipc/contract';
import { resolveImportCrs } from './import_crs';
import type { ImportProgress } from './import_progress';
import type { SourceRead } from './layer_source';
import type { ImportFile } from './parsed_layer';
import type { RawFeature } from './parse_feature_layer';
import { readDbf } from './read_dbf';
import { readShpGeometries } from './read_shp_geometries';
import { isZipMagic, listZipEntries, unzipEntries } from './unzip_archive';

const PARTS = ['shp', 'dbf', 'prj', 'cpg'] as const;
type Part = (typeof PARTS)[number];

interface ShapefileSet {
  /** Layer name: the base name without folder and extension. */
  name: string;
  /** Name for messages: "archive.zip/folder/roads.shp" or "roads.shp". */
  label: (part: Part) => string;
  parts: Partial<Record<Part, Uint8Array>>;
}

function splitName(path: string): { base: string; stem: string; extension: string } | null {
  const match = /^(.*?)([^/\\]+)\.([A-Za-z0-9]+)$/.exec(path);
  return match ? { base: match[1] + match[2], stem: match[2], extension: match[3].toLowerCase() } : null;
}

/** Groups files by base name into shapefile sets (those with a .shp). */
function groupSets(entries: { path: string; bytes: () => Uint8Array }[], labelOf: (path: string) => string): { sets: ShapefileSet[]; others: string[] } {
  const groups = new Map<string, { stem: string; files: Map<Part, { path: string; bytes: () => Uint8Array }> }>();
  const others: string[] = [];
  for (const entry of entries) {
    const split = splitName(entry.path);
    if (!split || !(PARTS as readonly string[]).includes(split.extension)) {
      if (!split || !['shx', 'sbn', 'sbx', 'xml', 'qix', 'qmd', 'fix'].includes(split.extension)) others.push(entry.path);
      continue;
    }
    const key = split.base.toLowerCase();
    const group = groups.get(key) ?? { stem: split.stem, files: new Map() };
    group.files.set(split.extension as Part, entry);
    groups.set(key, group);
  }
  const sets: ShapefileSet[] = [];
  for (const group of groups.values()) {
    const shp = group.files.get('shp');
    if (!shp) continue;
    const parts: Partial<Record<Part, Uint8Array>> = {};
    for (const [part, entry] of group.files) parts[part] = entry.bytes();
    const base = shp.path.slice(0, -4);
    sets.push({ name: group.stem, label: (part) => labelOf(`${base}.${part}`), parts });
  }
  return { sets, others };
}

function chooseSet(sets: ShapefileSet[], options: ImportOptions, file: string, others: string[]): ShapefileSet {
  if (sets.length === 0) {
    const listed = others.length > 0 ? `; it has: ${others.slice(0, 10).join(', ')}` : '';
    throw new InputError(`no shapefile (.shp) found${listed}`, { file, expected: 'a .shp file with its .dbf (and .prj, .cpg), zipped or given together' });
  }
  const names = sets.map((s) => s.name);
  if (options.sourceLayer !== undefined && options.sourceLayer !== '') {
    const chosen = sets.find((s) => s.name === options.sourceLayer) ?? sets.find((s) => s.name.toLowerCase() === options.sourceLayer!.toLowerCase());
    if (!chosen) throw new InputError(`there is no shapefile "${options.sourceLayer}"; shapefiles: ${names.join(', ')}`, { file, field: 'sourceLayer', expected: names.join(', ') });
    return chosen;
  }
  if (sets.length > 1) {
    throw new InputError(`the archive holds ${sets.length} shapefiles; choose one with --source-layer: ${names.join(', ')}`, {
      file,
      field: 'sourceLayer',
      expected: names.join(', '),
    });
  }
  return sets[0];
}

const text = (bytes: Uint8Array | undefined): string | null => (bytes === undefined ? null : new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));

export async function readShapefileSource(files: ImportFile[], options: ImportOptions, progress: ImportProgress): Promise<SourceRead> {
  let grouped: { sets: ShapefileSet[]; others: string[] };
  const file = files.length === 1 ? files[0].name : (files.find((f) => /\.shp$/i.test(f.name))?.name ?? files[0].name);
  if (files.length === 1 && isZipMagic(files[0].bytes)) {
    const zip = files[0];
    const wanted = (path: string) => (PARTS as readonly string[]).includes(splitName(path)?.extension ?? '');
    const unpacked = unzipEntries(zip.bytes, zip.name, wanted);
    const entries = listZipEntries(zip.bytes, zip.name).map((e) => ({ path: e.name, bytes: () => unpacked.get(e.name) ?? new Uint8Array() }));
    grouped = groupSets(entries, (path) => `${zip.name}/${path}`);
  } else {
    grouped = groupSets(
      files.map((f) => ({ path: f.name, bytes: () => f.bytes })),
      (path) => path,
    );
  }
  const set = chooseSet(grouped.sets, options, file, grouped.others);
  const shpName = set.label('shp');
  const warnings: string[] = [];
  progress.checkAborted();

  let declared: CrsSpec | null = null;
  const prj = text(set.parts.prj);
  if (prj !== null && prj.trim() !== '') {
    try {
      declared = crsFromWkt(prj);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      if (!options.crs) throw new InputError(`${error.message}; choose the coordinate system with --crs if you know it`, { file: set.label('prj'), field: 'crs' });
      warnings.push(`${set.label('prj')}: ${error.message}`);
    }
  } else if (!options.crs) {
    warnings.push(`${shpName} has no .prj file: the coordinates were taken as WGS84 longitude/latitude`);
  }
  const crs = resolveImportCrs(options.crs, declared, shpName, warnings);

  const { geometries, shapeType } = readShpGeometries(set.parts.shp as Uint8Array, shpName);
  await progress.at(0.15);
  let properties: Record<string, unknown>[];
  let deleted: boolean[] = geometries.map(() => false);
  let encoding: string | null = null;
  let columns: string[] = [];
  if (set.parts.dbf) {
    const table = readDbf(set.parts.dbf, set.label('dbf'), text(set.parts.cpg), options.encoding);
    if (table.records.length !== geometries.length) {
      throw new InputError(`the .dbf has ${table.records.length} records but the .shp has ${geometries.length} shapes`, {
        file: set.label('dbf'),
        expected: 'a .dbf and .shp written together',
      });
    }
    properties = table.records;
    deleted = table.deleted;
    encoding = table.encoding;
    columns = table.fields.map((f) => f.name);
  } else {
    properties = geometries.map(() => ({}));
    warnings.push(`${shpName} has no .dbf file: the features have no attributes`);
  }
  await progress.at(0.25);

  const features: RawFeature[] = [];
  const skipped: { row: number; reason: string }[] = [];
  for (let i = 0; i < geometries.length; i++) {
    if (deleted[i]) {
      skipped.push({ row: i + 1, reason: `record ${i + 1} is marked deleted in the .dbf` });
      continue;
    }
    features.push({ id: i + 1, index: i, properties: properties[i], geometry: geometries[i] });
  }
  if (features.length === 0 && geometries.length > 0) {
    throw new InputError(`no data rows: all ${geometries.length} records are marked deleted`, { file: shpName });
  }
  warnings.push(...(shapeType.endsWith('Z') || shapeType.endsWith('M') ? [`${shpName}: ${shapeType} shapes: Z/M values were dropped`] : []));
  return {
    file: shpName,
    source: {
      kind: 'features',
      format: 'shapefile',
      features,
      crs,
      crsChosen: declared !== null || (options.crs !== undefined && options.crs.trim() !== ''),
      encoding,
      columns,
      sourceLayers: grouped.sets.length > 1 ? grouped.sets.map((s) => s.name) : undefined,
      warnings,
      skipped,
      skippedCount: skipped.length,
      progressFrom: 0.25,
      noun: 'records',
    },
  };
}
