const OPERATIONS = ['findMany', 'findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow', 'count', 'aggregate', 'groupBy',
  'create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany'];
const READ_OPERATIONS = ['findMany', 'findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow', 'count', 'aggregate', 'groupBy'];
const AGGREGATES_OF_VALUES = ['_min', '_max', '_sum'];

/** A failed call: the server's problem document (RFC 9457) with Prisma's code, as `e.code === 'P2002'` expects. */
export class QuarryClientError extends Error {
  constructor(status, problem) {
    const body = problem && typeof problem === 'object' ? problem : { title: String(problem ?? '') };
    super(body.detail || body.title || `HTTP ${status}`);
    this.name = 'QuarryClientError';
    this.status = status;
    this.code = body.code;
    this.meta = body.meta ?? {};
    this.problem = body;
  }
}

/**
 * One operation, built but not sent: like Prisma's PrismaPromise it runs when awaited (once), so that
 * `$transaction([...])` can take several of them and send them together.
 */
class QuarryPromise {
  #client; #promise;
  constructor(client, model, operation, args, options) {
    this.#client = client;
    this.model = model;
    this.operation = operation;
    this.args = args ?? {};
    this.options = options ?? {};
  }
  #run() {
    this.#promise ??= this.#client.call(this);
    return this.#promise;
  }
  then(onFulfilled, onRejected) { return this.#run().then(onFulfilled, onRejected); }
  catch(onRejected) { return this.#run().catch(onRejected); }
  finally(onFinally) { return this.#run().finally(onFinally); }
  /** findUnique by the id, read from the resource route so that the answer carries its ETag (for If-Match). */
  withETag() { return this.#client.callWithETag(this); }
  get [Symbol.toStringTag]() { return 'QuarryPromise'; }
}

/** Values to JSON as the server reads them: Date as ISO-8601, bigint as decimal digits, bytes as base64. */
function encode(value) {
  if (value === null || value === undefined) return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return toBase64(value);
  if (value instanceof ArrayBuffer) return toBase64(new Uint8Array(value));
  if (Array.isArray(value)) return value.map(encode);
  if (typeof value === 'object') {
    if (typeof value.toJSON === 'function') return value.toJSON();
    const out = {};
    for (const [key, v] of Object.entries(value)) {
      if (v !== undefined) out[key] = encode(v);
    }
    return out;
  }
  return value;
}

function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function reviveScalar(type, value) {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((v) => reviveScalar(type, v));
  switch (type) {
    case 'DateTime': return new Date(value);
    case 'BigInt': return BigInt(value);
    case 'Bytes': return fromBase64(value);
    default: return value;
  }
}

/** A record (or list, or aggregate) of `modelName` as JSON, with its values turned into Date, bigint and Uint8Array by the schema's types. */
function revive(modelName, value) {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => revive(modelName, v));
  const model = MODELS[modelName];
  for (const [key, v] of Object.entries(value)) {
    if (key in model.scalars) {
      value[key] = reviveScalar(model.scalars[key], v);
    } else if (key in model.relations) {
      value[key] = revive(model.relations[key], v);
    } else if (AGGREGATES_OF_VALUES.includes(key) && v && typeof v === 'object') {
      for (const [field, x] of Object.entries(v)) {
        if (field in model.scalars) v[field] = reviveScalar(model.scalars[field], x);
      }
    }
  }
  return value;
}

function trimSlash(url) {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

class Client {
  #config;
  constructor(config) {
    if (!config || typeof config.baseUrl !== 'string') {
      throw new TypeError('createClient needs { baseUrl }: the address of the Quarry service, e.g. http://localhost:8080');
    }
    this.#config = { ...config, baseUrl: trimSlash(config.baseUrl) };
  }

  headers(extra) {
    const headers = { 'content-type': 'application/json', accept: 'application/json', ...(this.#config.headers ?? {}) };
    if (this.#config.token) headers.authorization = `Bearer ${this.#config.token}`;
    return { ...headers, ...(extra ?? {}) };
  }

  async send(path, init) {
    const fetcher = this.#config.fetch ?? globalThis.fetch;
    const response = await fetcher(this.#config.baseUrl + path, init);
    const text = await response.text();
    let body = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (!response.ok) throw new QuarryClientError(response.status, body);
    return { body, response };
  }

  async call(operation) {
    const model = MODELS[operation.model];
    const { body } = await this.send(`/api/rpc/${model.delegate}/${operation.operation}`, {
      method: 'POST',
      headers: this.headers(operation.options.headers),
      body: JSON.stringify(encode(operation.args)),
      signal: operation.options.signal,
    });
    return revive(operation.model, body);
  }

  async callWithETag(operation) {
    const model = MODELS[operation.model];
    if (!operation.operation.startsWith('findUnique')) {
      throw new TypeError('withETag() is for findUnique and findUniqueOrThrow');
    }
    const { where = {}, ...shape } = operation.args;
    const key = model.id.length === 1 ? [where[model.id[0]]] : model.id.map((f) => where[model.idName]?.[f]);
    if (Object.keys(where).length !== 1 || key.some((v) => v === undefined || v === null || typeof v === 'object')) {
      throw new TypeError(`withETag() needs where to be ${model.name}'s id (${model.id.join(', ')}) and nothing else`);
    }
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(shape)) {
      if (value !== undefined) query.set(name, JSON.stringify(encode(value)));
    }
    const path = key.map((v) => encodeURIComponent(String(encode(v)))).join(',');
    const suffix = query.size ? `?${query}` : '';
    try {
      const { body, response } = await this.send(`/api/${model.route}/${path}${suffix}`, {
        method: 'GET',
        headers: this.headers(operation.options.headers),
        signal: operation.options.signal,
      });
      return { data: revive(operation.model, body), etag: response.headers.get('etag') };
    } catch (e) {
      if (e instanceof QuarryClientError && e.status === 404 && operation.operation === 'findUnique') return { data: null, etag: null };
      throw e;
    }
  }

  async transaction(operations, options) {
    if (!Array.isArray(operations)) {
      throw new TypeError('$transaction takes an array of operations (db.user.create(...), ...); interactive transactions cannot run over HTTP');
    }
    for (const op of operations) {
      if (!(op instanceof QuarryPromise)) throw new TypeError('$transaction takes operations of this client, not yet awaited');
    }
    const { signal, headers, ...txOptions } = options ?? {};
    const { body } = await this.send('/api/rpc/$transaction', {
      method: 'POST',
      headers: this.headers(headers),
      body: JSON.stringify({
        operations: operations.map((op) => ({ delegate: MODELS[op.model].delegate, operation: op.operation, args: encode(op.args) })),
        ...txOptions,
      }),
      signal,
    });
    return body.map((result, i) => revive(operations[i].model, result));
  }
}

function delegate(client, modelName) {
  const model = MODELS[modelName];
  const operations = model.view ? READ_OPERATIONS : OPERATIONS;
  const methods = {};
  for (const operation of operations) {
    methods[operation] = (args, options) => new QuarryPromise(client, modelName, operation, args, options);
  }
  return Object.freeze(methods);
}

/** The client: `db.user.findMany(...)` and the other Prisma Client operations over Quarry's RPC surface. */
export function createClient(config) {
  const client = new Client(config);
  const db = { $transaction: (operations, options) => client.transaction(operations, options) };
  for (const modelName of Object.keys(MODELS)) {
    db[MODELS[modelName].delegate] = delegate(client, modelName);
  }
  return Object.freeze(db);
}
