/**
 * The host's preview of an import ('layer:import:preview') for the dialog's current choices. Asked
 * again, after a short pause, whenever the layer or an option changes (mapping, CRS, swap, encoding,
 * source layer, default kind); an older answer arriving late is dropped and its request aborted.
 * The last answer stays shown (marked stale) while the next one is on its way.
 */
import { useEffect, useRef, useState } from 'react';
import type { FileSource, ImportOptions, ImportPreview } from '../../../shared/ipc/contract';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import { callWithSignal } from '../../api/client';
import { useServices } from '../../state/app_context';

/** Pause after the last change before asking (a select changed twice asks once). */
const DEBOUNCE_MS = 200;

export interface PreviewState {
  preview: ImportPreview | null;
  /** The options the shown preview was made with. */
  options: ImportOptions | null;
  loading: boolean;
  error: unknown;
}

export function useImportPreview(layer: ImportableLayer, source: FileSource | null, options: ImportOptions): PreviewState {
  const { api } = useServices();
  const [state, setState] = useState<PreviewState>({ preview: null, options: null, loading: false, error: null });
  const key = JSON.stringify({ layer, options });
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    if (!source) {
      setState({ preview: null, options: null, loading: false, error: null });
      return;
    }
    const controller = new AbortController();
    const asked = optionsRef.current;
    setState((current) => ({ ...current, loading: true }));
    const timer = setTimeout(() => {
      callWithSignal(api, 'layer:import:preview', { layer, file: source, options: asked }, controller.signal).then(
        (preview) => setState({ preview, options: asked, loading: false, error: null }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState({ preview: null, options: asked, loading: false, error });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` stands for layer + options (compared by value, not by object identity).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, source, key]);

  return state;
}
