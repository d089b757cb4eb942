/**
 * KML (Google Earth, 奥维 Ovital, LocaSpace exports) and KMZ (zipped KML) import with
 * @tmcw/togeojson over @xmldom/xmldom. Placemark names, descriptions and ExtendedData (Data and
 * SchemaData) become properties. Folders are the source layers: options.sourceLayer picks one (at any
 * depth, with its subfolders); by default every placemark is read. KML is WGS84 lon/lat by
 * specification; options.crs overrides it (e.g. gcj02 for points digitised on a GCJ-02 base map).
 * MultiGeometry of one kind becomes a Multi* geometry. Documents nested deeper than MAX_KML_DEPTH
 * are refused before togeojson walks them.
 */
import { DOMParser, type Document as XmlDocument, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom';
import { kmlWithFolders, type F, type Folder } from '@tmcw/togeojson';
import iconv from 'iconv-lite';
import { InputError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/ipc/contract';
import { decodeText } from './decode_text';
import { resolveImportCrs } from './import_crs';
import type { ImportProgress } from './import_progress';
import type { SourceRead } from './layer_source';
import type { ImportFile } from './parsed_layer';
import { listNames } from './list_names';
import type { RawFeature } from './parse_feature_layer';
import { isZipMagic, listZipEntries, unzipEntries } from './unzip_archive';

/** The KML document of a KMZ: doc.kml, else the first .kml at the shallowest level. */
function kmlOfKmz(zip: ImportFile): { name: string; bytes: Uint8Array } {
  const kmls = listZipEntries(zip.bytes, zip.name)
    .map((e) => e.name)
    .filter((name) => /\.kml$/i.test(name))
    .sort((a, b) => a.split('/').length - b.split('/').length || Number(!/(^|\/)doc\.kml$/i.test(a)) - Number(!/(^|\/)doc\.kml$/i.test(b)));
  if (kmls.length === 0) throw new InputError('the KMZ holds no .kml document', { file: zip.name, expected: 'a KMZ with doc.kml inside' });
  const bytes = unzipEntries(zip.bytes, zip.name, (name) => name === kmls[0]).get(kmls[0]) as Uint8Array;
  return { name: `${zip.name}/${kmls[0]}`, bytes };
}

/** Text of the XML: the prolog's encoding="…" when it names one other than UTF-8, else UTF-8/GBK detection. */
function xmlText(bytes: Uint8Array, file: string, optionEncoding: string | undefined): { text: string; encoding: string; warning?: string } {
  if (optionEncoding) return decodeText(bytes, file, optionEncoding);
  const prolog = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-.]+)["']/.exec(prolog)?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && iconv.encodingExists(declared)) {
    return { text: iconv.decode(bytes, declared).replace(/^\uFEFF/, ''), encoding: declared };
  }
  return decodeText(bytes, file, undefined);
}

/** The parsed document and the errors xmldom recovered from (reported as warnings). */
export function parseXmlDocument(text: string, file: string, what: string): { document: XmlDocument; problems: string[] } {
  const problems: string[] = [];
  let fatal: string | null = null;
  try {
    const document = new DOMParser({
      onError: (level, message) => {
        if (level === 'fatalError') {
          fatal = message;
          throw new Error(message);
        }
        if (level === 'error') problems.push(message.split('\n')[0].trim());
      },
    }).parseFromString(text, 'text/xml');
    return { document, problems };
  } catch (error) {
    const message = fatal ?? (error as Error).message;
    throw new InputError(`not valid ${what} XML: ${message.split('\n')[0]}`, { file, expected: `a complete ${what} file` });
  }
}

/**
 * Deepest element nesting read. togeojson and the folder walks below recurse once per level and
 * overflow the stack near 10,000 levels; real KML needs about ten plus its folders (kml, Document,
 * Folder..., Placemark, MultiGeometry, Polygon, outerBoundaryIs, LinearRing, coordinates).
 */
export const MAX_KML_DEPTH = 256;
const ELEMENT_NODE = 1;

/** Refuses a document nested deeper than MAX_KML_DEPTH, naming the depth and the first too-deep element (walked without recursion). */
function checkNesting(root: XmlElement, file: string): void {
  let deepest = { depth: 1, element: root };
  let firstBeyond: XmlElement | null = null;
  let node: XmlNode | null = root;
  let depth = 1;
  while (node !== null) {
    if (node.nodeType === ELEMENT_NODE) {
      if (depth > deepest.depth) deepest = { depth, element: node as XmlElement };
      if (depth > MAX_KML_DEPTH && firstBeyond === null) firstBeyond = node as XmlElement;
    }
    if (node.firstChild !== null) {
      node = node.firstChild;
      depth++;
      continue;
    }
    while (node !== null && node !== root && node.nextSibling === null) {
      node = node.parentNode;
      depth--;
    }
    node = node === null || node === root ? null : node.nextSibling;
  }
  if (firstBeyond === null) return;
  const counts = new Map<string, number>();
  for (let at: XmlNode | null = deepest.element; at !== null; at = at.parentNode) {
    if (at.nodeType !== ELEMENT_NODE) continue;
    const name = (at as XmlElement).localName ?? at.nodeName;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const [name, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
  const n = (value: number) => value.toLocaleString('en-US');
  const where = firstBeyond.lineNumber !== undefined ? ` at line ${firstBeyond.lineNumber}, column ${firstBeyond.columnNumber ?? 0}` : '';
  throw new InputError(
    `elements are nested ${n(deepest.depth)} levels deep (${n(count)} <${name}> inside each other); at most ${MAX_KML_DEPTH} levels are read, ` +
      `the first deeper element is <${firstBeyond.localName ?? firstBeyond.nodeName}>${where} — move the placemarks into fewer nested folders`,
    { file, expected: `at most ${MAX_KML_DEPTH} nested elements` },
  );
}

type Node = Folder | F;

function folderName(folder: Folder, index: number): string {
  const name = folder.meta?.name;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : `Folder ${index + 1}`;
}

function collectFolders(nodes: Node[], out: { name: string; folder: Folder }[]): void {
  nodes.forEach((node, i) => {
    if (node.type === 'folder') {
      out.push({ name: folderName(node, i), folder: node });
      collectFolders(node.children, out);
    }
  });
}

/** Placemarks (and ground overlays) in document order; network links are not features. */
function featuresIn(nodes: Node[], out: F[]): F[] {
  for (const node of nodes) {
    if (node.type === 'folder') featuresIn(node.children, out);
    else if (node.type === 'Feature') out.push(node);
  }
  return out;
}

/** GeometryCollection of one kind → Multi* (a single member stays itself); mixed collections stay. */
function flattenCollection(geometry: unknown): unknown {
  const g = geometry as { type?: string; geometries?: { type: string; coordinates: unknown }[] } | null;
  if (!g || g.type !== 'GeometryCollection' || !Array.isArray(g.geometries) || g.geometries.length === 0) return geometry;
  const members = g.geometries.map((m) => flattenCollection(m) as { type: string; coordinates: unknown });
  if (members.length === 1) return members[0];
  const kinds = new Set(members.map((m) => m.type.replace(/^Multi/, '')));
  if (kinds.size !== 1) return geometry;
  const kind = [...kinds][0];
  const parts = members.flatMap((m) => (m.type.startsWith('Multi') ? (m.coordinates as unknown[]) : [m.coordinates]));
  return { type: `Multi${kind}`, coordinates: parts };
}

export async function readKmlSource(input: ImportFile, options: ImportOptions, progress: ImportProgress): Promise<SourceRead> {
  const kmz = isZipMagic(input.bytes);
  const source = kmz ? kmlOfKmz(input) : input;
  const { text, encoding, warning } = xmlText(source.bytes, source.name, options.encoding);
  const { document, problems } = parseXmlDocument(text, source.name, 'KML');
  const root = document.documentElement;
  if (!root || root.localName !== 'kml') {
    throw new InputError(`not KML: the root element is <${root?.nodeName ?? 'none'}>`, { file: source.name, expected: 'a <kml> document' });
  }
  checkNesting(root, source.name);
  await progress.at(0.15);
  const tree = kmlWithFolders(document);
  const folders: { name: string; folder: Folder }[] = [];
  collectFolders(tree.children, folders);
  let placemarks: F[];
  if (options.sourceLayer !== undefined && options.sourceLayer !== '') {
    const chosen = folders.find((f) => f.name === options.sourceLayer) ?? folders.find((f) => f.name.toLowerCase() === options.sourceLayer!.toLowerCase());
    if (!chosen) {
      const names = listNames(folders.map((f) => f.name), false);
      throw new InputError(`there is no folder "${options.sourceLayer}"${folders.length > 0 ? `; folders: ${names}` : ' (the file has no folders)'}`, {
        file: source.name,
        field: 'sourceLayer',
        expected: folders.length > 0 ? names : 'no --source-layer',
      });
    }
    placemarks = featuresIn(chosen.folder.children, []);
  } else {
    placemarks = featuresIn(tree.children, []);
  }
  const features: RawFeature[] = placemarks.map((f) => ({ id: f.id, properties: { ...(f.properties ?? {}) }, geometry: flattenCollection(f.geometry) }));
  const warnings = problems.slice(0, 3).map((problem) => `${source.name}: XML error recovered from: ${problem}`);
  if (warning) warnings.unshift(warning);
  const crs = resolveImportCrs(options.crs, null, source.name, warnings);
  return {
    file: source.name,
    source: {
      kind: 'features',
      format: kmz ? 'kmz' : 'kml',
      features,
      crs,
      crsChosen: true,
      encoding,
      sourceLayers: folders.length > 0 ? folders.map((f) => f.name) : undefined,
      warnings,
      progressFrom: 0.15,
      noun: 'placemarks',
    },
  };
}
