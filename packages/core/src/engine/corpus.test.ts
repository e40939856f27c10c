// Every Workflow of Argo's example corpus runs on the null executor without the engine throwing, and gives the
// same outcome whether or not its state goes through JSON between steps. Skipped when the corpus is absent.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, test } from 'node:test';
import { loadDocuments } from '../spec/load';
import type { Template, TemplateRef, Workflow, WorkflowSpec } from '../spec/model';
import { CORPUS_DIR, corpusPresent, yamlFiles } from '../testing/corpus';
import { createWorkflowState } from './create-state';
import { WorkflowInputError } from './errors';
import { runWorkflow } from './testing';

const files = yamlFiles(`${CORPUS_DIR}/examples`);

describe('Argo example corpus', { skip: !corpusPresent }, () => {
  const loaded = loadDocuments(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
  const library = loaded.manifests.filter(
    (m) => m.manifest.kind === 'WorkflowTemplate' || m.manifest.kind === 'ClusterWorkflowTemplate',
  );
  const specOf = (name: string, cluster: boolean): WorkflowSpec | undefined =>
    (
      library.find((m) => m.name === name && (m.manifest.kind === 'ClusterWorkflowTemplate') === cluster)
        ?.manifest as { spec: WorkflowSpec } | undefined
    )?.spec;
  const resolveTemplateRef = (ref: TemplateRef): Template | undefined =>
    specOf(ref.name ?? '', ref.clusterScope === true)?.templates?.find((t) => t.name === ref.template);

  for (const manifest of loaded.manifests.filter((m) => m.manifest.kind === 'Workflow')) {
    test(relative(CORPUS_DIR, manifest.file), () => {
      const input = {
        workflow: manifest.manifest as Workflow,
        name: 'wf',
        creationTimestamp: Date.UTC(2024, 0, 1),
        resolveTemplateRef,
        resolveWorkflowTemplate: specOf,
      };
      let state: ReturnType<typeof createWorkflowState>;
      try {
        state = createWorkflowState(input);
      } catch (error) {
        assert.ok(error instanceof WorkflowInputError, String(error));
        return;
      }
      const direct = runWorkflow(state, { maxEvents: 20_000, record: true });
      const viaJson = runWorkflow(createWorkflowState(input), {
        maxEvents: 20_000,
        record: true,
        roundTrip: true,
      });
      assert.deepEqual(viaJson.actions, direct.actions);
      assert.deepEqual(
        JSON.parse(JSON.stringify(viaJson.state.status)),
        JSON.parse(JSON.stringify(direct.state.status)),
      );
      assert.ok(['Running', 'Succeeded', 'Failed', 'Error'].includes(direct.state.status.phase));
      for (const node of Object.values(direct.state.status.nodes)) {
        assert.equal(node.id.startsWith('wf'), true);
        if (direct.state.status.finishedAt !== null)
          assert.ok(!['Pending', 'Running'].includes(node.phase), node.name);
      }
    });
  }
});
