'use client';
// What the editor's parts need besides the store: the host page's server actions, the
// connection list and samples (for the inspector), and the autosave controller.
import { createContext, useContext, type ReactNode } from 'react';
import type { AutosaveController } from './model/autosave';
import type { ConnectionOption, EditorActions, SampleOutputs } from './types';

export interface EditorServices {
  flowId: string;
  actions: EditorActions;
  connections: ConnectionOption[];
  samples: SampleOutputs;
  /** Null until mounted (and for read-only viewers, who never save). */
  autosave(): AutosaveController | null;
}

const ServicesContext = createContext<EditorServices | null>(null);

export function EditorServicesProvider({ value, children }: { value: EditorServices; children: ReactNode }) {
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

export function useEditorServices(): EditorServices {
  const value = useContext(ServicesContext);
  if (value === null) throw new Error('useEditorServices must be used inside <EditorServicesProvider>');
  return value;
}
