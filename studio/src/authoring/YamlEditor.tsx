/*
 * The YAML editor: CodeMirror 6 with YAML highlighting, completion and hover docs from the
 * definition format's JSON Schema (codemirror-json-schema's YAML mode, fed by the same
 * `formatSchemas()` that writes packages/definition/schema/), and the real compiler's
 * diagnostics shown at their line and column. The schema linter of codemirror-json-schema is
 * left out on purpose: the compiler checks everything the schema does, with better messages,
 * and two sets of squiggles for one mistake would only confuse.
 */

import { autocompletion } from '@codemirror/autocomplete';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { type Diagnostic as CmDiagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState, type Text } from '@codemirror/state';
import { EditorView, hoverTooltip } from '@codemirror/view';
import type { Diagnostic } from '@regforms/definition';
import { formatSchemas } from '@regforms/definition';
import { basicSetup } from 'codemirror';
import { stateExtensions } from 'codemirror-json-schema';
import { yamlCompletion, yamlSchemaHover } from 'codemirror-json-schema/yaml';
import type { JSONSchema7 } from 'json-schema';
import { type Ref, useEffect, useImperativeHandle, useRef } from 'react';

/** What the page can do with the editor. */
export interface YamlEditorApi {
  /** Moves the cursor to a 1-based line and column, scrolls there and focuses the editor. */
  goTo(line: number, col: number): void;
  /** Replaces the whole text (e.g. after "discard my changes"). */
  setText(text: string): void;
}

const versionSchema = formatSchemas()['version.schema.json'] as JSONSchema7;

/** Offset of a 1-based line:col in a document, clamped to the document. */
export function offsetOf(doc: Text, line: number, col: number): number {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.from + Math.max(0, col - 1), l.to);
}

/** A compiler diagnostic as a CodeMirror one: from its position to the end of the word there. */
export function toCmDiagnostic(doc: Text, d: Diagnostic): CmDiagnostic {
  const from = offsetOf(doc, d.line, d.col);
  const line = doc.lineAt(from);
  const rest = line.text.slice(from - line.from);
  const word = /^[^\s,:{}[\]]+/.exec(rest)?.[0].length ?? 0;
  const to = Math.min(line.to, from + Math.max(word, 1));
  return {
    from,
    to: Math.max(to, from),
    severity: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info',
    source: d.code,
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
  };
}

export function YamlEditor({
  initialText,
  readOnly,
  diagnostics,
  diagnosticsFor,
  label,
  onChange,
  apiRef,
}: {
  initialText: string;
  readOnly: boolean;
  /** Diagnostics of this file, computed for the text `diagnosticsFor`. */
  diagnostics: Diagnostic[];
  diagnosticsFor: string | undefined;
  label: string;
  onChange(text: string): void;
  apiRef?: Ref<YamlEditorApi>;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // The editor is created once per file; the page remounts it (key) for another file.
  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initialText,
        extensions: [
          basicSetup,
          yaml(),
          autocompletion(),
          yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
          hoverTooltip(yamlSchemaHover()),
          stateExtensions(versionSchema),
          lintGutter(),
          editable.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current(u.state.doc.toString());
          }),
          EditorView.theme({
            '&': { height: '100%', fontSize: '13px', backgroundColor: '#fff' },
            '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
            '.cm-tooltip-lint': { maxWidth: '520px', whiteSpace: 'pre-wrap' },
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.dispatch({
      effects: editable.current.reconfigure([
        EditorState.readOnly.of(readOnly),
        EditorView.editable.of(!readOnly),
      ]),
    });
  }, [readOnly]);

  // Diagnostics are placed only on the text they were computed for; the next compile follows.
  useEffect(() => {
    const v = view.current;
    if (!v || diagnosticsFor === undefined || v.state.doc.toString() !== diagnosticsFor) return;
    v.dispatch(
      setDiagnostics(
        v.state,
        diagnostics.map((d) => toCmDiagnostic(v.state.doc, d)),
      ),
    );
  }, [diagnostics, diagnosticsFor]);

  useImperativeHandle(
    apiRef,
    () => ({
      goTo(line, col) {
        const v = view.current;
        if (!v) return;
        const at = offsetOf(v.state.doc, line, col);
        v.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
        v.focus();
      },
      setText(text) {
        const v = view.current;
        if (v) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
      },
    }),
    [],
  );

  return (
    <div
      ref={host}
      data-testid="yaml-editor"
      style={{ height: '100%', border: '1px solid rgba(0,0,0,0.23)', borderRadius: 6, overflow: 'hidden' }}
    />
  );
}
