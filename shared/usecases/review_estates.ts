/**
 * Use case "review the estates layer" (批量审查): every estate of a project (or the ones asked for)
 * against one preset, over plain values a host reads from the project: the estates layer's records
 * and the community health stations (facilities of kind `health_station`). Pure: it turns each
 * record into the review's input (review_estate.ts), measures the distance from the estate's planned
 * care rooms to the nearest health station, and reviews.
 *
 * - Care rooms: the record's `careRooms`; when there are none, `careFloorAreaM2` counts as one room
 *   of unknown floor and place (what estates imported before schema version 5 carry); unknown, the
 *   room's area is unknown too.
 * - Health station distance, from each placed care room to the nearest station: along the walking
 *   network when the project has one (`method: network`; room and station are snapped onto the
 *   nearest street within `maxSnapM`, the off-street legs count, cost in level-walking metres as the
 *   accessibility analysis counts it), else — or when a room or every station is off the network or
 *   unreachable — in a straight line (haversine, `method: straight_line`). No placed room or no
 *   station: not measured.
 * - An estate id that is not in the layer is refused naming it (InputError), before anything is reviewed.
 */
import { DijkstraWorkspace, runDijkstra } from '../engine/network/dijkstra';
import type { PreparedNetwork } from '../engine/network/prepare_network';
import { DEFAULT_MAX_SNAP_M, snapPoints } from '../engine/network/snap_points';
import { InputError } from '../errors';
import { haversineM } from '../geodesy/haversine';
import type { Preset } from '../rules/rule';
import type { CareRoom, Estate } from '../schemas/entities';
import { reviewEstates, type CareRoomInput, type EstateReview, type EstateReviewInput, type EstateReviewSummary } from './review_estate';

/** A community health station (社区卫生服务站/中心) the care rooms are measured to. */
export interface HealthStation {
  id: string;
  /** The facility's name, when the host has it (the review sheet shows it). */
  name?: string;
  lon: number;
  lat: number;
}

/** The station nearest to the estate's placed care rooms, as the distance check measured it. */
export interface NearestHealthStation {
  id: string;
  name: string | null;
  lon: number;
  lat: number;
  /** Metres from care room `room` (index in the review input's careRooms) to this station. */
  distanceM: number;
  method: 'network' | 'straight_line';
  room: number;
}

export interface ReviewEstatesRequest {
  /** The estates layer, in layer order. */
  estates: readonly Estate[];
  healthStations: readonly HealthStation[];
  /** Review only these estates (in this order); absent or empty: every estate of the layer. */
  estateIds?: readonly string[];
  /** The project's walking network (roads layer), or null/absent without roads. */
  network?: PreparedNetwork | null;
  /** Farthest a room or station may be from a street to be on the network, metres (default 300). */
  maxSnapM?: number;
}

export interface ReviewedEstates {
  preset: { id: string; version: number };
  estates: EstateReview[];
  /** The review input of each estate, aligned with `estates` (stored with the review). */
  inputs: EstateReviewInput[];
  /** The nearest health station of each estate (null: not measured), aligned with `estates`. */
  stations: (NearestHealthStation | null)[];
  summary: EstateReviewSummary;
}

/**
 * @example reviewEstateLayer({ estates: store estates, healthStations: [] }, PRESETS.nanhai).summary
 *   // { estates: 6, compliant: 3, nonCompliant: 2, incomplete: 1, newEstates: 5, ... }
 */
export function reviewEstateLayer(request: ReviewEstatesRequest, preset: Preset): ReviewedEstates {
  const chosen = chooseEstates(request.estates, request.estateIds);
  const walk = request.network ? networkDistances(request.network, request.healthStations, request.maxSnapM ?? DEFAULT_MAX_SNAP_M) : null;
  const stations = chosen.map((estate) => nearestHealthStation(careRoomsOf(estate), request.healthStations, walk));
  const inputs = chosen.map((estate, k) => reviewInputOf(estate, stations[k]));
  const reviewed = reviewEstates(inputs, preset);
  return { preset: reviewed.preset, estates: reviewed.estates, inputs, stations, summary: reviewed.summary };
}

function chooseEstates(estates: readonly Estate[], ids: readonly string[] | undefined): Estate[] {
  if (!ids || ids.length === 0) return [...estates];
  const byId = new Map(estates.map((estate) => [estate.id, estate]));
  return ids.map((id) => {
    const estate = byId.get(id);
    if (!estate) {
      throw new InputError(`unknown estate ${JSON.stringify(id)}: the estates layer has no estate with this id (it has ${estates.length})`, { field: 'estate' }, {
        reason: 'unknown_estate',
        params: { id },
      });
    }
    return estate;
  });
}

/** One estate record as the review's input, with the straight-line distance to the nearest health station. */
export function estateReviewInput(estate: Estate, healthStations: readonly HealthStation[], walk: NetworkDistance | null = null): EstateReviewInput {
  return reviewInputOf(estate, nearestHealthStation(careRoomsOf(estate), healthStations, walk));
}

function reviewInputOf(estate: Estate, station: NearestHealthStation | null): EstateReviewInput {
  const careRooms = careRoomsOf(estate);
  const geometry = estate.geometry;
  const outline =
    geometry.type === 'Polygon'
      ? geometry.coordinates[0].map(([lon, lat]) => [lon, lat] as [number, number])
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates.flatMap((polygon) => polygon[0].map(([lon, lat]) => [lon, lat] as [number, number]))
        : null;
  const point = geometry.type === 'Point' ? ([geometry.coordinates[0], geometry.coordinates[1]] as [number, number]) : null;
  return {
    id: estate.id,
    name: estate.name,
    type: estate.areaType,
    households: estate.households,
    residentialFloorAreaM2: estate.residentialFloorAreaM2 ?? null,
    averageUnitM2: estate.averageUnitM2 ?? null,
    area: estate.urban == null ? null : estate.urban ? 'urban' : 'rural',
    outline,
    point,
    careRooms,
    healthStation: station && { distanceM: station.distanceM, method: station.method },
    coLocatedWithHealthStation: estate.coLocatedHealthStation ?? null,
    synchronousProvision: estate.synchronousProvision ?? null,
  };
}

/**
 * The estate's rooms. None stated: the total care floor area counts as one room of unknown floor and
 * place; when that is unknown too, so is the room's area (the floor-area check is then not checkable,
 * naming careRooms.0.floorAreaM2, rather than failing a room that may exist).
 */
export function careRoomsOf(estate: Estate): CareRoomInput[] {
  const rooms: readonly CareRoom[] = estate.careRooms ?? [];
  if (rooms.length > 0) return rooms.map((room) => ({ ...room, floorLevels: room.floorLevels ? [...room.floorLevels] : null }));
  return [{ floorAreaM2: estate.careFloorAreaM2, floorLevels: null, basement: null, lon: null, lat: null }];
}

/**
 * The station nearest to any placed care room, and from which room: along the network when `walk`
 * reaches one, else in a straight line; null without a placed room or a station. Ties keep the
 * first room and station.
 * @example nearestHealthStation([{ floorAreaM2: 300, floorLevels: [1], basement: false, lon: 114.308, lat: 30.547 }], [{ id: 'S', lon: 114.31, lat: 30.545 }], null)
 *   // { id: 'S', name: null, distanceM: ≈ 288, method: 'straight_line', room: 0, … }
 */
export function nearestHealthStation(rooms: readonly CareRoomInput[], stations: readonly HealthStation[], walk: NetworkDistance | null): NearestHealthStation | null {
  const placed = rooms.flatMap((room, index) => (room.lon !== null && room.lat !== null ? [{ lon: room.lon, lat: room.lat, index }] : []));
  if (placed.length === 0 || stations.length === 0) return null;
  const found = (s: number, distanceM: number, method: NearestHealthStation['method'], room: number): NearestHealthStation => {
    const { id, name, lon, lat } = stations[s];
    return { id, name: name ?? null, lon, lat, distanceM, method, room };
  };
  if (walk) {
    let best: { costM: number; station: number; room: number } | null = null;
    for (const room of placed) {
      const reach = walk(room.lon, room.lat);
      if (Number.isFinite(reach.costM) && (best === null || reach.costM < best.costM)) best = { ...reach, room: room.index };
    }
    if (best) return found(best.station, best.costM, 'network', best.room);
  }
  let best = { distanceM: Infinity, station: 0, room: placed[0].index };
  for (const room of placed) {
    stations.forEach((station, s) => {
      const distanceM = haversineM(room.lon, room.lat, station.lon, station.lat);
      if (distanceM < best.distanceM) best = { distanceM, station: s, room: room.index };
    });
  }
  return found(best.station, best.distanceM, 'straight_line', best.room);
}

/**
 * Walking cost from a point to the nearest station and which station (index into the stations
 * given to networkDistances); costM Infinity and station -1 when off the network or unreachable.
 */
export type NetworkDistance = (lon: number, lat: number) => { costM: number; station: number };

/**
 * One multi-source Dijkstra from every station snapped onto the network (as networkFacilityReach
 * seeds a facility: the off-street leg plus the walk along its edge to either end), then each query
 * point is snapped and costed from the ends of its edge, or along the edge from a station on the same one.
 * @example networkDistances(prepareNetwork(roads), stations, 300)(114.27, 30.59) // { costM: metres or Infinity, station: index or -1 }
 */
export function networkDistances(network: PreparedNetwork, stations: readonly HealthStation[], maxSnapM: number): NetworkDistance {
  const { graph, index } = network;
  const { edgeFrom, edgeTo, edgeLengthM, edgeCostFactor } = graph;
  const snaps = snapPoints(index, stations.map((s) => s.lon), stations.map((s) => s.lat), maxSnapM);
  const ws = new DijkstraWorkspace(graph.nodeCount);
  const onEdge = new Map<number, { alongM: number; offM: number; station: number }[]>();
  for (let s = 0; s < stations.length; s++) {
    const e = snaps.edge[s];
    if (e < 0) continue;
    const factor = edgeCostFactor[e];
    ws.offer(edgeFrom[e], snaps.offM[s] + snaps.alongM[s] * factor, s);
    ws.offer(edgeTo[e], snaps.offM[s] + (edgeLengthM[e] - snaps.alongM[s]) * factor, s);
    const list = onEdge.get(e) ?? [];
    list.push({ alongM: snaps.alongM[s], offM: snaps.offM[s], station: s });
    onEdge.set(e, list);
  }
  runDijkstra(graph, ws, Infinity);
  return (lon, lat) => {
    const point = snapPoints(index, [lon], [lat], maxSnapM);
    const e = point.edge[0];
    if (e < 0) return { costM: Infinity, station: -1 };
    const factor = edgeCostFactor[e];
    const along = point.alongM[0];
    const viaFrom = ws.dist[edgeFrom[e]] + along * factor;
    const viaTo = ws.dist[edgeTo[e]] + (edgeLengthM[e] - along) * factor;
    let cost = Math.min(viaFrom, viaTo);
    let station = cost === Infinity ? -1 : viaFrom <= viaTo ? ws.source[edgeFrom[e]] : ws.source[edgeTo[e]];
    for (const same of onEdge.get(e) ?? []) {
      const direct = same.offM + Math.abs(same.alongM - along) * factor;
      if (direct < cost) {
        cost = direct;
        station = same.station;
      }
    }
    return { costM: cost + point.offM[0], station };
  };
}
