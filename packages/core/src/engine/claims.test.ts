import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runWorkflow, stateFromYaml } from './testing';

const withClaim = (accessModes: string) => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: claims}
spec:
  entrypoint: main
  volumeClaimTemplates:
  - metadata: {name: workdir}
    spec:
      accessModes: ${accessModes}
      resources: {requests: {storage: 1Gi}}
  templates:
  - name: main
    container: {image: alpine, volumeMounts: [{name: workdir, mountPath: /w}]}
`;

describe('volumeClaimTemplates', () => {
  test('a claim Kubernetes would refuse errors the workflow before any pod, as Argo reports it', () => {
    const { state, pods } = runWorkflow(stateFromYaml(withClaim('[InvalidAccessMode]')));
    assert.equal(state.status.phase, 'Error');
    assert.equal(
      state.status.message,
      'pvc create error: PersistentVolumeClaim "wf-workdir" is invalid: spec.accessModes: Unsupported value: ' +
        '"InvalidAccessMode": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    );
    assert.equal(pods.length, 0);
    const none = runWorkflow(stateFromYaml(withClaim('[]'))).state;
    assert.match(none.status.message ?? '', /at least 1 access mode is required/);
  });

  test('a valid claim becomes a runner volume and the workflow runs', () => {
    const { state, pods } = runWorkflow(stateFromYaml(withClaim('[ReadWriteOnce]')));
    assert.equal(state.status.phase, 'Succeeded');
    assert.deepEqual(pods[0]?.volumes, [{ name: 'workdir', hostPath: 'pvc/wf-workdir' }]);
  });
});
