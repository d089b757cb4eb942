/**
 * What the OSM readers (.osm XML and .osm.pbf) collect, and how ways become road features: every way
 * with a `highway` tag is one LineString through its nodes, with all its tags as properties and
 * "@id" = "way/<id>" (as overpass-turbo's GeoJSON has it, so both sources give the same road ids).
 * Ways that reference a node missing from the file (an extract cut at its border) are skipped with
 * the reason; ways without a highway tag are counted, not listed.
 */
import type { RawFeature } from './parse_feature_layer';

/** Node id → lon/lat, in growing typed arrays (an extract has millions of nodes). */
export class OsmNodeStore {
  private readonly index = new Map<number, number>();
  private lons = new Float64Array(1024);
  private lats = new Float64Array(1024);

  get size(): number {
    return this.index.size;
  }

  add(id: number, lon: number, lat: number): void {
    let at = this.index.get(id);
    if (at === undefined) {
      at = this.index.size;
      if (at === this.lons.length) {
        const lons = new Float64Array(at * 2);
        const lats = new Float64Array(at * 2);
        lons.set(this.lons);
        lats.set(this.lats);
        this.lons = lons;
        this.lats = lats;
      }
      this.index.set(id, at);
    }
    this.lons[at] = lon;
    this.lats[at] = lat;
  }

  /** [lon, lat] of a node, or null when the file does not have it. */
  get(id: number): [number, number] | null {
    const at = this.index.get(id);
    return at === undefined ? null : [this.lons[at], this.lats[at]];
  }
}

export interface OsmWay {
  id: number;
  refs: number[];
  tags: Record<string, string>;
}

export interface OsmRoads {
  features: RawFeature[];
  skipped: { row?: number; reason: string }[];
  skippedCount: number;
  /** Ways seen in the file, roads or not. */
  wayCount: number;
}

/** Collects ways as they are read and turns the highway ways into road features. */
export class OsmRoadCollector {
  readonly features: RawFeature[] = [];
  readonly skipped: { row?: number; reason: string }[] = [];
  private notRoads = 0;
  private missingNodes = 0;
  private tooShort = 0;
  wayCount = 0;

  /** Ways may arrive only after all nodes (as OSM files are sorted: nodes, ways, relations). */
  addWay(way: OsmWay, nodes: OsmNodeStore): void {
    this.wayCount++;
    if (way.tags.highway === undefined) {
      this.notRoads++;
      return;
    }
    const coordinates: [number, number][] = [];
    for (const ref of way.refs) {
      const position = nodes.get(ref);
      if (position === null) {
        this.missingNodes++;
        this.skipped.push({ row: this.wayCount, reason: `way ${way.id} references node ${ref}, which is not in the file (cut off at the extract's border?)` });
        return;
      }
      coordinates.push(position);
    }
    if (coordinates.length < 2) {
      this.tooShort++;
      this.skipped.push({ row: this.wayCount, reason: `way ${way.id} has ${coordinates.length} node(s); a road needs at least 2` });
      return;
    }
    this.features.push({
      id: `way/${way.id}`,
      index: this.features.length,
      properties: { '@id': `way/${way.id}`, ...way.tags },
      geometry: { type: 'LineString', coordinates },
    });
  }

  result(): OsmRoads {
    const skipped = [...this.skipped];
    if (this.notRoads > 0) skipped.unshift({ reason: `${this.notRoads} ways without a highway tag are not roads` });
    return {
      features: this.features,
      skipped,
      skippedCount: this.notRoads + this.missingNodes + this.tooShort,
      wayCount: this.wayCount,
    };
  }
}
