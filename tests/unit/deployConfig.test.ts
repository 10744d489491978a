import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputFolderProblem, readDeployConfig } from '../../src/config/deployConfig.ts';

describe('readDeployConfig', () => {
  it('resolves the folders against the working directory and checks the values it is given', () => {
    const config = readDeployConfig({ ATLAS_CONTENT: 'vault', ATLAS_OUT: 'site', ATLAS_SITE: 'https://example.org/' }, '/project');
    expect(config).toMatchObject({ contentDir: '/project/vault', outDir: '/project/site', site: 'https://example.org' });
    expect(() => readDeployConfig({ ATLAS_LINKS: 'maybe' }, '/project')).toThrow('ATLAS_LINKS must be "error" or "warn", got "maybe"');
    expect(() => readDeployConfig({ ATLAS_SITE: 'https://example.org/docs' }, '/project')).toThrow('no path: put the path in ATLAS_BASE');
  });
});

describe('outputFolderProblem', () => {
  // Devices by folder, standing in for two filesystems.
  const devices = (byPrefix: Record<string, number>) => (path: string) => {
    const prefix = Object.keys(byPrefix).find((p) => path.startsWith(p));
    if (prefix === undefined) throw new Error(`no device for ${path}`);
    return byPrefix[prefix]!;
  };

  it('accepts an output folder inside the project, whatever filesystem it is on', () => {
    expect(outputFolderProblem('/project/dist', '/project', devices({ '/project/dist': 2, '/project': 1 }))).toBeUndefined();
  });

  it('accepts an output folder outside the project on the same filesystem', () => {
    expect(outputFolderProblem('/srv/site', '/project', devices({ '/srv': 1, '/project': 1 }))).toBeUndefined();
  });

  it('names the folder, the reason and what to do when it is outside the project on another filesystem', () => {
    const problem = outputFolderProblem('/mnt/volume/site', '/project', devices({ '/mnt/volume': 2, '/project': 1 }));
    expect(problem).toContain('ATLAS_OUT is /mnt/volume/site, on another filesystem than the project (/project)');
    expect(problem).toContain('copy it from there');
  });

  it('looks at the nearest existing folder of an output folder not made yet', () => {
    const notYet = join(tmpdir(), `atlas-no-such-${process.pid}`, 'a', 'b');
    const sameDisk = statSync(tmpdir()).dev === statSync(process.cwd()).dev;
    expect(outputFolderProblem(notYet) === undefined).toBe(sameDisk);
  });
});

// The real thing: a build told to write to a memory-backed folder (another filesystem than the
// project's, where there is one) stops before building, with the message and no stack trace.
const memoryFolder = '/dev/shm';
const otherFilesystem = existsSync(memoryFolder) && statSync(memoryFolder).dev !== statSync(process.cwd()).dev;

describe.skipIf(!otherFilesystem)('a build into another filesystem', () => {
  it('stops at once with the reason, not half-way with EXDEV', { timeout: 60_000 }, () => {
    const out = join(memoryFolder, `atlas-out-${process.pid}`, 'dist');
    const run = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      encoding: 'utf8',
      env: { ...process.env, ATLAS_OUT: out, ASTRO_TELEMETRY_DISABLED: '1' },
      timeout: 60_000,
    });
    const output = run.stdout + run.stderr;
    expect(run.status).toBe(1);
    expect(output).toContain(`ATLAS_OUT is ${out}, on another filesystem than the project`);
    expect(output).not.toContain('EXDEV');
    expect(output).not.toMatch(/^\s+at /m);
    expect(existsSync(out)).toBe(false);
  });
});
