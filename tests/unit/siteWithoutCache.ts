// The site model of a test vault, as a build makes it but with the build cache off (a test neither
// reads a cache an earlier run left nor leaves one), laid out. ATLAS_CACHE is read from the process
// environment, so it is set for the build and put back after.
import { readDeployConfig } from '../../src/config/deployConfig.ts';
import { buildSite, type Site } from '../../src/lib/site.ts';

export async function siteWithoutCache(env: Record<string, string>): Promise<Site> {
  const saved = process.env['ATLAS_CACHE'];
  process.env['ATLAS_CACHE'] = 'off';
  try {
    const site = await buildSite(readDeployConfig(env));
    await site.laidOut;
    return site;
  } finally {
    if (saved === undefined) delete process.env['ATLAS_CACHE'];
    else process.env['ATLAS_CACHE'] = saved;
  }
}
