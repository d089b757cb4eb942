/** Types of scripts/cli_bundle.mjs (the prebuilt `siting` command line), for the tests and benches. */
export declare const CLI_BUNDLE_DIR: string;
export declare const COMPILE_CACHE: string;
export declare const CLI_EXTERNAL: string[];
/** [path relative to the root, size, mtimeMs] (null, null: no such file; mtime -1: changed during the build). */
export type InputStamp = [string, number | null, number | null];
export declare function stampInputs(relativePaths: string[], options?: { root?: string; readDuring?: [number, number] | null }): InputStamp[];
/** Why the bundle in `bundleDir` cannot be used for the sources as they are now (null: it is fresh). */
export declare function bundleStaleness(bundleDir?: string, options?: { root?: string }): string | null;
/** The entry module of the bundle when it is fresh, else null. */
export declare function freshBundleEntry(bundleDir?: string): string | null;
/** Bundles the CLI into `bundleDir` and makes the build current. */
export declare function buildCliBundle(options?: { bundleDir?: string; logLevel?: 'silent' | 'error' | 'warning' | 'info' }): Promise<{ entry: string; esbuildMs: number }>;
