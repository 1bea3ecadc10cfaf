import type { MethodSetting } from '../model/rest-api.js';
import { StageCache } from './stage-cache.js';
import { BucketTable } from './token-bucket.js';

/**
 * What a REST stage holds besides the deployment it points at: its cache and its throttling buckets, and the
 * method settings changed through the control interface (UpdateStage's `/*\/*\/caching/...` patch paths, which
 * CloudFormation cannot set). It lives as long as the stage, across deployments.
 */
export class StageState {
  cache = new StageCache();
  readonly buckets = new BucketTable();
  methodSettingOverrides: MethodSetting[] = [];
  /** Whether the cache cluster was on when last seen: turning it off and on again empties it, as on AWS. */
  cacheClusterEnabled: boolean;

  constructor(cacheClusterEnabled: boolean) {
    this.cacheClusterEnabled = cacheClusterEnabled;
  }

  /** Applies a changed CacheClusterEnabled: AWS deletes the cache with the cluster. */
  setCacheCluster(enabled: boolean): void {
    if (enabled !== this.cacheClusterEnabled) this.cache = new StageCache();
    this.cacheClusterEnabled = enabled;
  }
}
