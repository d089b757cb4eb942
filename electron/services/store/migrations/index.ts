/**
 * The ordered list of schema migrations. The project's schema version is the number of migrations
 * applied (settings key "schema_version"); migration N takes a version N-1 file to version N.
 */
import type Database from 'better-sqlite3';
import * as gpkgCore from './0001_gpkg_core';
import * as featureLayers from './0002_feature_layers';
import * as auditLog from './0003_audit_log';
import * as candidateCapacity from './0004_candidate_capacity';
import * as estateReview from './0005_estate_review';
import * as populationPack from './0006_population_pack';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'gpkg_core', up: gpkgCore.up },
  { version: 2, name: 'feature_layers', up: featureLayers.up },
  { version: 3, name: 'audit_log', up: auditLog.up },
  { version: 4, name: 'candidate_capacity', up: candidateCapacity.up },
  { version: 5, name: 'estate_review', up: estateReview.up },
  { version: 6, name: 'population_pack', up: populationPack.up },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
