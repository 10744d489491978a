import sax from 'sax';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { buildKnowledgeGraph, graphFromJson, neighbourhood, neighbourhoodGraphJson, neighbourhoodGraphJsonText, NeighbourOrder, readGraphJson, toGexf, toGraphJson, toJsonLd } from '../../../graph/index.ts';
import { links, relation, slug, topic } from './records.ts';

const input = () => ({
  topics: [
    topic('pruning', { title: 'Pruning <sparse> & "dense" \'weights\'', category: 'Technique', tags: ['compression', 'sparsity'], aliases: ['weight pruning'] }),
    topic('efficiency', { title: 'Computational efficiency' }),
    topic('flops', { title: 'FLOPs', category: 'Metric', summary: undefined }),
    topic('compression', { title: 'Compression', category: undefined }),
    topic('moved', { title: 'Moved', url: '/wiki/elsewhere/' }),
  ],
  links: links('pruning>efficiency', 'pruning>efficiency', 'efficiency>flops', 'flops>pruning', 'moved>pruning'),
  relations: [relation('pruning', 'technique-for', 'efficiency'), relation('pruning', 'is-a', 'compression'), relation('efficiency', 'measured-by', 'flops')],
});

describe('a topic\'s neighbourhood as graph.json', () => {
  // A chain a–b–c–d–e plus a star around b: what depth and limit keep is visible in the ids.
  const chain = () =>
    buildKnowledgeGraph({
      topics: ['a', 'b', 'c', 'd', 'e', 's1', 's2', 's3'].map((id) => topic(id)),
      links: links('a>b', 'b>c', 'c>d', 'd>e', 's1>b', 's2>b', 's3>b', 's1>s2'),
      relations: [],
    });

  test('holds the topics within depth and every edge among them, decodable like graph.json', () => {
    const decoded = readGraphJson(JSON.stringify(neighbourhoodGraphJson(chain(), slug('c'), { depth: 2, limit: 100 })));
    expect(decoded.nodes.map((n) => n.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 's1', 's2', 's3']);
    const one = readGraphJson(neighbourhoodGraphJson(chain(), slug('c'), { depth: 1, limit: 100 }));
    expect(one.nodes.map((n) => n.id).sort()).toEqual(['b', 'c', 'd']);
    expect(one.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(['b>c', 'c>d']);
    // Edges between two neighbours are kept, not only the centre's own.
    const star = readGraphJson(neighbourhoodGraphJson(chain(), slug('b'), { depth: 1, limit: 100 }));
    expect(star.edges.map((e) => `${e.source}>${e.target}`)).toContain('s1>s2');
  });

  test('keeps at most limit topics, the centre first, and the build\'s positions and wording', () => {
    const graph = chain();
    const decoded = readGraphJson(neighbourhoodGraphJson(graph, slug('b'), { depth: 2, limit: 4 }));
    expect(decoded.nodes).toHaveLength(4);
    expect(decoded.nodes.map((n) => n.id)).toContain('b');
    for (const node of decoded.nodes) expect(node.x).toBe(graph.getNodeAttribute(node.id, 'x'));
    expect(decoded.wording).toEqual(readGraphJson(toGraphJson(graph)).wording);
  });

  test('every topic\'s file written with one shared order equals the file written afresh, hubs and parallel edges included', () => {
    // A hub linking to every topic (its out-degree above the limit), typed relations beside mentions,
    // and a few random links: the shared writer keeps what it learns of each topic between files.
    const ids = Array.from({ length: 40 }, (_, i) => `t${i}`);
    const pairs = ids.slice(1).map((id) => `t0>${id}`);
    for (let i = 1; i < ids.length; i++) pairs.push(`${ids[i]}>${ids[(i * 7) % ids.length]}`, `${ids[i]}>${ids[(i * 3 + 1) % ids.length]}`);
    const graph = buildKnowledgeGraph({
      topics: ids.map((id) => topic(id)),
      links: links(...pairs.filter((p) => p.split('>')[0] !== p.split('>')[1])),
      relations: [relation('t1', 'is-a', 't0'), relation('t0', 'part-of', 't2'), relation('t5', 'is-a', 't7')],
    });
    const options = { depth: 2, limit: 12 };
    const shared = new NeighbourOrder(graph);
    // Twice over, in two orders: nothing of one file may leak into the next.
    for (const round of [ids, [...ids].reverse()]) {
      for (const id of round) {
        const fresh = neighbourhoodGraphJson(graph, slug(id), options);
        expect(neighbourhoodGraphJson(graph, slug(id), options, shared), id).toEqual(fresh);
        // And the fresh file is the whole graph's graph.json cut down to the same topics.
        expect(fresh).toEqual(toGraphJson(graph, fresh.nodes.id, { aliases: false }));
        // The text the build writes is that object's JSON, from a shared writer and a fresh one.
        expect(neighbourhoodGraphJsonText(graph, slug(id), options, shared), id).toBe(JSON.stringify(fresh));
        expect(neighbourhoodGraphJsonText(graph, slug(id), options), id).toBe(JSON.stringify(fresh));
      }
    }
    // The hub's own file has edges of all three kinds out of it.
    const hub = readGraphJson(neighbourhoodGraphJson(graph, slug('t0'), options, shared));
    expect(new Set(hub.edges.filter((e) => e.source === 't0').map((e) => e.type))).toEqual(new Set(['mentions', 'part-of']));
  });
  test('the text of every file is exactly the JSON of its object, whatever the titles, categories and urls hold', () => {
    // Titles and categories JSON must escape (quotes, backslashes, controls, line separators, lone
    // surrogates), topics with no category, urls off the base + id pattern, aliases: each file's
    // category legend is its own, so neighbourhoods with different categories are compared too.
    const odd = ['Plain', 'Quote " and \\ backslash', 'Tab\tnew\nline', 'Line\u2028separator', 'Lone \ud800 surrogate', 'Émoji 🧠', '<b>&amp;</b>'];
    const ids = Array.from({ length: 30 }, (_, i) => `n${i}`);
    const graph = buildKnowledgeGraph({
      topics: ids.map((id, i) =>
        topic(id, {
          title: `${odd[i % odd.length]} ${i}`,
          category: i % 4 === 0 ? undefined : odd[(i * 3) % odd.length],
          url: i % 5 === 0 ? `/elsewhere/${id}/` : `/wiki/${id}/`,
          aliases: i % 3 === 0 ? [`alias "${i}"`, `другое ${i}`] : [],
        }),
      ),
      links: links(...ids.slice(1).flatMap((id, i) => [`${id}>${ids[(i * 5) % ids.length]}`, `${ids[(i * 11 + 3) % ids.length]}>${id}`]).filter((p) => p.split('>')[0] !== p.split('>')[1])),
      relations: [relation('n1', 'is-a', 'n2'), relation('n3', 'part-of', 'n1')],
    });
    const shared = new NeighbourOrder(graph);
    const legends = new Set<string>();
    for (const id of ids) {
      for (const options of [{ depth: 1, limit: 5 }, { depth: 2, limit: 40 }]) {
        const object = neighbourhoodGraphJson(graph, slug(id), options);
        legends.add(object.categories.join('|'));
        expect(neighbourhoodGraphJsonText(graph, slug(id), options, shared), id).toBe(JSON.stringify(object));
      }
    }
    // The files did not all have one legend, and the urls and escapes were exercised.
    expect(legends.size).toBeGreaterThan(2);
    const whole = JSON.stringify(neighbourhoodGraphJson(graph, slug('n0'), { depth: 3, limit: 100 }));
    expect(whole).toContain('/elsewhere/');
    expect(whole).toContain('\\ud800');
  });
});

describe('graph.json', () => {
  test('round-trips through readGraphJson', () => {
    const graph = buildKnowledgeGraph(input());
    const decoded = readGraphJson(JSON.stringify(toGraphJson(graph)));
    expect(decoded.nodes.map((n) => n.id)).toEqual(graph.nodes());
    for (const node of decoded.nodes) {
      const a = graph.getNodeAttributes(node.id);
      expect(node).toMatchObject({ title: a.title, url: a.url, category: a.category ?? null, community: a.community, x: a.x, y: a.y, size: a.size });
      expect(node.pagerank).toBeCloseTo(a.pagerank, 3);
    }
    const edges = graph.mapEdges((_e, a, source, target) => `${source}>${target}:${a.type}`).sort();
    expect(decoded.edges.map((e) => `${e.source}>${e.target}:${e.type}`).sort()).toEqual(edges);
  });

  test('urls follow base + id + "/" except where listed', () => {
    const json = toGraphJson(buildKnowledgeGraph(input()));
    expect(json.base).toBe('/wiki/');
    expect(Object.values(json.urls)).toEqual(['/wiki/elsewhere/']);
  });

  test('graphFromJson gives sigma-ready attributes', () => {
    const view = graphFromJson(readGraphJson(toGraphJson(buildKnowledgeGraph(input()))));
    expect(view.getNodeAttribute('flops', 'label')).toBe('FLOPs');
    expect(view.size).toBe(7);
  });

  test('rejects malformed input with a reason', () => {
    const json = toGraphJson(buildKnowledgeGraph(input()));
    expect(() => readGraphJson({ ...json, v: 1 })).toThrow(/^readGraphJson: unsupported version 1/);
    expect(() => readGraphJson({ ...json, edgeWording: json.edgeWording.slice(1) })).toThrow(/^readGraphJson: edgeWording/);
    expect(() => readGraphJson({ ...json, nodes: { ...json.nodes, x: [1] } })).toThrow(/^readGraphJson: nodes.x/);
    expect(() => readGraphJson({ ...json, edges: { ...json.edges, target: json.edges.target.map(() => 99) } })).toThrow(/outside the node list/);
  });

  test('identical input gives byte-identical output; another seed moves nodes', () => {
    const one = JSON.stringify(toGraphJson(buildKnowledgeGraph(input())));
    const two = JSON.stringify(toGraphJson(buildKnowledgeGraph(input())));
    expect(two).toBe(one);
    const other = toGraphJson(buildKnowledgeGraph(input(), { seed: 99 }));
    expect(other.nodes.x.concat(other.nodes.y)).not.toEqual(JSON.parse(one).nodes.x.concat(JSON.parse(one).nodes.y));
  });

  test('stays small: under 80 bytes per node gzipped on a 2,000-node skewed graph', () => {
    const n = 2000;
    let seed = 3;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const pool = [0];
    const pairs: string[] = [];
    for (let i = 1; i < n; i++) {
      for (let k = 0; k < 8; k++) {
        const j = random() < 0.7 ? pool[Math.floor(random() * pool.length)]! : Math.floor(random() * i);
        pairs.push(`t${i}>t${j}`);
        pool.push(j);
      }
      pool.push(i);
    }
    const topics = Array.from({ length: n }, (_, i) => topic(`t${i}`, { title: `Synthetic topic ${(i * 7919).toString(36)}` }));
    const graph = buildKnowledgeGraph({ topics, links: links(...pairs), relations: [] }, { layoutIterations: 20 });
    const bytes = gzipSync(JSON.stringify(toGraphJson(graph))).length;
    expect(bytes / n).toBeLessThan(80);
  });
});

/** Parse with sax in strict mode: throws on anything that is not well-formed XML. */
function parseXml(xml: string) {
  const parser = sax.parser(true);
  const elements: { name: string; attributes: Record<string, string> }[] = [];
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (node) => elements.push({ name: node.name, attributes: node.attributes });
  parser.write(xml).close();
  return elements;
}

describe('toGexf', () => {
  test('is well-formed GEXF 1.3 with escaped titles and typed parallel edges', () => {
    const graph = buildKnowledgeGraph(input());
    const xml = toGexf(graph);
    const elements = parseXml(xml);
    const root = elements[0]!;
    expect(root).toMatchObject({ name: 'gexf', attributes: { xmlns: 'http://gexf.net/1.3', version: '1.3' } });
    const nodes = elements.filter((e) => e.name === 'node');
    expect(nodes).toHaveLength(5);
    expect(nodes.find((n) => n.attributes['id'] === 'pruning')!.attributes['label']).toBe('Pruning <sparse> & "dense" \'weights\'');
    expect(xml).not.toContain('<sparse>');
    const edges = elements.filter((e) => e.name === 'edge');
    expect(edges).toHaveLength(graph.size);
    const pruningToEfficiency = edges.filter((e) => e.attributes['source'] === 'pruning' && e.attributes['target'] === 'efficiency');
    expect(pruningToEfficiency.map((e) => [e.attributes['kind'], e.attributes['weight']]).sort()).toEqual([
      ['mentions', '2'],
      ['technique-for', '2'],
    ]);
    const tags = elements.filter((e) => e.name === 'attvalue' && e.attributes['for'] === 'tags');
    expect(tags.map((t) => t.attributes['value'])).toEqual(['compression; sparsity']);
    expect(elements.filter((e) => e.name === 'viz:position')).toHaveLength(5);
  });

  test('drops characters XML cannot carry instead of producing a broken file', () => {
    const records = input();
    records.topics[1] = topic('efficiency', { title: 'Bell\u0007 and lone \uD800 surrogate', summary: 'line one\nline two' });
    const elements = parseXml(toGexf(buildKnowledgeGraph(records)));
    expect(elements.find((e) => e.name === 'node' && e.attributes['id'] === 'efficiency')!.attributes['label']).toBe('Bell and lone  surrogate');
    expect(elements.find((e) => e.name === 'attvalue' && e.attributes['value']?.startsWith('line one'))!.attributes['value']).toBe('line one\nline two');
  });
});

describe('toJsonLd', () => {
  test('a DefinedTermSet whose terms carry SKOS broader (is-a, part-of) and related (other relations)', () => {
    const doc = toJsonLd(buildKnowledgeGraph(input()), { site: 'https://atlas.example/', name: 'Test wiki' });
    expect(doc['@type']).toBe('DefinedTermSet');
    expect(doc['@context']).toMatchObject({ skos: 'http://www.w3.org/2004/02/skos/core#', broader: { '@id': 'skos:broader' }, related: { '@id': 'skos:related' } });
    expect(doc.url).toBe('https://atlas.example/wiki/');
    expect(doc.hasDefinedTerm).toHaveLength(5);
    const pruning = doc.hasDefinedTerm.find((t) => t.termCode === 'pruning')!;
    expect(pruning).toMatchObject({
      '@type': 'DefinedTerm',
      '@id': 'https://atlas.example/wiki/pruning/',
      name: 'Pruning <sparse> & "dense" \'weights\'',
      alternateName: ['weight pruning'],
      inDefinedTermSet: doc['@id'],
      broader: ['https://atlas.example/wiki/compression/'],
      related: ['https://atlas.example/wiki/efficiency/'],
    });
    // Mentions are not thesaurus relations; a term with none has neither key.
    const flops = doc.hasDefinedTerm.find((t) => t.termCode === 'flops')!;
    expect(flops.broader).toBeUndefined();
    expect(flops.related).toBeUndefined();
    expect(flops.description).toBeUndefined();
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  test('rejects a site that is not an origin', () => {
    expect(() => toJsonLd(buildKnowledgeGraph(input()), { site: 'atlas.example', name: 'Test wiki' })).toThrow(/^toJsonLd: site/);
  });
});

describe('neighbourhoods at scale', () => {
  /** A skewed graph with a hub everyone links to and a page that links to everyone. */
  function skewed(n: number) {
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const pairs: string[] = [];
    for (let i = 1; i < n; i++) {
      pairs.push(`t${i}>t0`, `index>t${i}`);
      for (let k = 0; k < 2; k++) pairs.push(`t${i}>t${Math.floor(random() * i)}`);
    }
    return buildKnowledgeGraph({ topics: [...Array.from({ length: n }, (_, i) => topic(`t${i}`, { title: `Topic ${(i * 7919) % n}` })), topic('index')], links: links(...pairs), relations: [] }, { layoutIterations: 0 });
  }

  test('a shared NeighbourOrder gives exactly the neighbourhoods of collecting and sorting each ring', () => {
    const graph = skewed(400);
    const order = new NeighbourOrder(graph);
    for (const id of ['t0', 't1', 't7', 't250', 't399', 'index']) {
      for (const [depth, limit] of [[1, 150], [2, 120], [2, 5], [3, 400], [2, 1000]] as const) {
        expect(neighbourhood(graph, id, { depth, limit }, order)).toEqual(neighbourhood(graph, id, { depth, limit }));
      }
      expect(neighbourhoodGraphJson(graph, slug(id), { depth: 2, limit: 120 }, order)).toEqual(neighbourhoodGraphJson(graph, slug(id), { depth: 2, limit: 120 }));
    }
    expect(() => neighbourhood(skewed(3), 't0', {}, order)).toThrow(/^neighbourhood: the NeighbourOrder was made for another graph/);
  });

  test('edges from a topic linking to thousands are found from the small side', () => {
    const graph = skewed(400);
    const json = readGraphJson(neighbourhoodGraphJson(graph, slug('t5'), { depth: 2, limit: 50 }, new NeighbourOrder(graph)));
    const ids = new Set(json.nodes.map((n) => n.id));
    const expected = graph.filterEdges((_e, _a, s, t) => ids.has(s as never) && ids.has(t as never)).length;
    expect(ids.has(slug('index'))).toBe(true);
    expect(json.edges).toHaveLength(expected);
    expect(json.edges.filter((e) => e.source === 'index').length).toBeGreaterThan(10);
  });

  test('with a shared NeighbourOrder, every local graph holds exactly the edges among its topics, typed', () => {
    const graph = buildKnowledgeGraph(input());
    const order = new NeighbourOrder(graph);
    for (const round of [1, 2]) {
      graph.forEachNode((id) => {
        const json = readGraphJson(neighbourhoodGraphJson(graph, slug(id), { depth: 2, limit: 4 }, order));
        const ids = new Set(json.nodes.map((n) => n.id));
        const expected = graph
          .filterEdges((_e, _a, s, t) => ids.has(s as never) && ids.has(t as never))
          .map((e) => `${graph.source(e)}>${graph.target(e)}:${graph.getEdgeAttribute(e, 'type')}`)
          .sort();
        expect(json.edges.map((e) => `${e.source}>${e.target}:${e.type}`).sort(), `${id}, round ${round}`).toEqual(expected);
      });
    }
  });

  test('one topic\'s local graph never lists every node or edge of the graph', () => {
    const graph = skewed(300);
    const order = new NeighbourOrder(graph);
    const expected = neighbourhoodGraphJson(graph, slug('t9'), { depth: 2, limit: 120 }, order);
    for (const method of ['nodes', 'edges', 'forEachNode', 'forEachEdge', 'mapNodes', 'mapEdges'] as const) {
      (graph as unknown as Record<string, unknown>)[method] = () => {
        throw new Error(`${method}() walks the whole graph`);
      };
    }
    expect(neighbourhoodGraphJson(graph, slug('t9'), { depth: 2, limit: 120 }, order)).toEqual(expected);
  });

  test('every topic\'s local graph of a 20,000-topic wiki with a hub costs linear time', () => {
    const graph = skewed(20_000);
    const order = new NeighbourOrder(graph);
    const start = performance.now();
    let nodes = 0;
    graph.forEachNode((id) => {
      nodes += neighbourhoodGraphJson(graph, slug(id), { depth: 2, limit: 120 }, order).nodes.id.length;
    });
    // Collecting and sorting the hub's 20,000 neighbours for each topic took minutes.
    expect(performance.now() - start).toBeLessThan(60_000);
    expect(nodes).toBe(120 * graph.order);
  });
});

describe('aliases in graph.json', () => {
  test('graph.json carries each topic\'s aliases; a local-graph file leaves them out', () => {
    const graph = buildKnowledgeGraph(input());
    const json = toGraphJson(graph);
    const pruning = graph.nodes().indexOf('pruning');
    expect(json.aliases).toEqual({ [String(pruning)]: ['weight pruning'] });
    const decoded = readGraphJson(JSON.stringify(json));
    expect(decoded.nodes.find((n) => n.id === 'pruning')!.aliases).toEqual(['weight pruning']);
    expect(decoded.nodes.find((n) => n.id === 'flops')!.aliases).toEqual([]);
    const local = neighbourhoodGraphJson(graph, slug('pruning'), { depth: 1, limit: 10 });
    expect(local.aliases).toBeUndefined();
    expect(readGraphJson(local).nodes.every((n) => n.aliases.length === 0)).toBe(true);
  });

  test('bad aliases are refused with the reason', () => {
    const json = toGraphJson(buildKnowledgeGraph(input()));
    expect(() => readGraphJson({ ...json, aliases: { '99': ['x'] } })).toThrow(/^readGraphJson: aliases has a key "99"/);
    expect(() => readGraphJson({ ...json, aliases: { '0': [1] } })).toThrow(/^readGraphJson: aliases of node 0 must be strings/);
    expect(() => readGraphJson({ ...json, aliases: ['x'] })).toThrow(/^readGraphJson: aliases must be an object/);
    expect(() => readGraphJson({ ...json, aliases: { constructor: ['x'] } })).toThrow(/not a node index/);
  });
});
