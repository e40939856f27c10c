import { OciError } from '../errors';

/** A docker/podman config file that is not valid JSON or not shaped like a docker config. */
export class DockerConfigInvalidError extends OciError {
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      'SLIPWAY_OCI_DOCKER_CONFIG_INVALID',
      `registry credentials file ${path} is invalid: ${reason}; fix or remove the file, or run \`slipway auth login\` again`,
      options,
    );
  }
}

/** A docker/podman config file that exists but cannot be read or written. */
export class DockerConfigAccessError extends OciError {
  constructor(
    readonly path: string,
    action: 'read' | 'write',
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      'SLIPWAY_OCI_DOCKER_CONFIG_ACCESS',
      `cannot ${action} registry credentials file ${path} (${reason}); check its permissions, or point DOCKER_CONFIG at a writable directory`,
      options,
    );
  }
}

/** A docker credential helper that is named in the config but not installed on the PATH. */
export class CredentialHelperMissingError extends OciError {
  constructor(readonly helper: string) {
    super(
      'SLIPWAY_OCI_CREDENTIAL_HELPER_MISSING',
      `credential helper \`docker-credential-${helper}\` is configured (credsStore/credHelpers in the docker config) but not found on the PATH; install it, or remove it from the config`,
    );
  }
}

/** A docker credential helper that failed, answered nonsense, or took too long. */
export class CredentialHelperError extends OciError {
  constructor(
    readonly helper: string,
    readonly action: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      'SLIPWAY_OCI_CREDENTIAL_HELPER_FAILED',
      `credential helper \`docker-credential-${helper} ${action}\` failed: ${reason}`,
      options,
    );
  }
}

/** A docker credential helper that did not answer within the timeout. */
export class CredentialHelperTimeoutError extends OciError {
  constructor(
    readonly helper: string,
    readonly action: string,
    readonly timeoutMs: number,
  ) {
    super(
      'SLIPWAY_OCI_CREDENTIAL_HELPER_TIMEOUT',
      `credential helper \`docker-credential-${helper} ${action}\` did not answer within ${timeoutMs} ms; check that it does not wait for a prompt or an unlocked keychain`,
    );
  }
}

/** Login arguments that cannot be stored (empty registry, username or password). */
export class InvalidLoginError extends OciError {
  constructor(reason: string) {
    super('SLIPWAY_OCI_LOGIN_INVALID', `cannot log in: ${reason}`);
  }
}

/** No AWS credentials were found (or the credential chain failed) for an ECR registry. */
export class EcrCredentialsMissingError extends OciError {
  constructor(
    readonly registry: string,
    readonly region: string,
    detail = '',
  ) {
    super(
      'SLIPWAY_OCI_ECR_NO_AWS_CREDENTIALS',
      `no usable AWS credentials to log in to ECR registry ${registry} (region ${region})${detail ? ` (${detail})` : ''}: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, run in an IAM role (IRSA, instance profile, task role), configure credentials for this registry, or run \`slipway auth login ${registry}\``,
    );
  }
}

/** AWS refused `ecr:GetAuthorizationToken` (access denied, invalid or expired AWS credentials). */
export class EcrAccessDeniedError extends OciError {
  constructor(
    readonly registry: string,
    readonly region: string,
    readonly awsCode: string,
    detail: string,
  ) {
    super(
      'SLIPWAY_OCI_ECR_ACCESS_DENIED',
      `AWS refused ecr:GetAuthorizationToken for registry ${registry} (region ${region}): ${awsCode}${detail ? `: ${detail}` : ''}; check that the AWS credentials are valid for this partition and allow ecr:GetAuthorizationToken`,
    );
  }
}

/** Any other failure to get an ECR authorization token (network, throttling, malformed answer). */
export class EcrTokenError extends OciError {
  constructor(
    readonly registry: string,
    readonly region: string,
    reason: string,
  ) {
    super(
      'SLIPWAY_OCI_ECR_TOKEN_FAILED',
      `cannot get an ECR authorization token for registry ${registry} (region ${region}): ${reason}; check network access to the ECR API endpoint and retry`,
    );
  }
}
