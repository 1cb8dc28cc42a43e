// ---- values ----------------------------------------------------------------------------------------------------
/** Decimal values travel as strings so that no digit is lost (Prisma Client gives a Decimal.js object). */
export type Decimal = string;
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type InputJsonValue = string | number | boolean | InputJsonValue[] | { readonly [key: string]: InputJsonValue | null };
export type DateTimeInput = Date | string;
export type BigIntInput = bigint | number;
export type DecimalInput = string | number;
export type BytesInput = Uint8Array;

export type SortOrder = 'asc' | 'desc';
export type NullsOrder = 'first' | 'last';
export type QueryMode = 'default' | 'insensitive';
export type SortOrderInput = { sort: SortOrder; nulls?: NullsOrder };
export type TransactionIsolationLevel = 'ReadUncommitted' | 'ReadCommitted' | 'RepeatableRead' | 'Serializable';
export type BatchPayload = { count: number };

// ---- filters (Prisma's names) -----------------------------------------------------------------------------------
type $Comparable<T> = { equals?: T; in?: T[]; notIn?: T[]; lt?: T; lte?: T; gt?: T; gte?: T };
type $NullableComparable<T> = { equals?: T | null; in?: T[] | null; notIn?: T[] | null; lt?: T; lte?: T; gt?: T; gte?: T };
type $TextOps = { contains?: string; startsWith?: string; endsWith?: string; mode?: QueryMode };
export type StringFilter = $Comparable<string> & $TextOps & { not?: string | StringFilter };
export type StringNullableFilter = $NullableComparable<string> & $TextOps & { not?: string | StringNullableFilter | null };
export type IntFilter = $Comparable<number> & { not?: number | IntFilter };
export type IntNullableFilter = $NullableComparable<number> & { not?: number | IntNullableFilter | null };
export type FloatFilter = IntFilter;
export type FloatNullableFilter = IntNullableFilter;
export type BigIntFilter = $Comparable<BigIntInput> & { not?: BigIntInput | BigIntFilter };
export type BigIntNullableFilter = $NullableComparable<BigIntInput> & { not?: BigIntInput | BigIntNullableFilter | null };
export type DecimalFilter = $Comparable<DecimalInput> & { not?: DecimalInput | DecimalFilter };
export type DecimalNullableFilter = $NullableComparable<DecimalInput> & { not?: DecimalInput | DecimalNullableFilter | null };
export type DateTimeFilter = $Comparable<DateTimeInput> & { not?: DateTimeInput | DateTimeFilter };
export type DateTimeNullableFilter = $NullableComparable<DateTimeInput> & { not?: DateTimeInput | DateTimeNullableFilter | null };
export type BoolFilter = { equals?: boolean; not?: boolean | BoolFilter };
export type BoolNullableFilter = { equals?: boolean | null; not?: boolean | BoolNullableFilter | null };
export type BytesFilter = { equals?: BytesInput; in?: BytesInput[]; notIn?: BytesInput[]; not?: BytesInput | BytesFilter };
export type BytesNullableFilter = { equals?: BytesInput | null; in?: BytesInput[] | null; notIn?: BytesInput[] | null; not?: BytesInput | BytesNullableFilter | null };
export type JsonFilter = {
  equals?: InputJsonValue | null; not?: InputJsonValue | null; path?: string[];
  string_contains?: string; string_starts_with?: string; string_ends_with?: string;
  array_contains?: InputJsonValue | null; array_starts_with?: InputJsonValue | null; array_ends_with?: InputJsonValue | null;
  lt?: InputJsonValue; lte?: InputJsonValue; gt?: InputJsonValue; gte?: InputJsonValue; mode?: QueryMode;
};
export type JsonNullableFilter = JsonFilter;
export type EnumFilter<E> = { equals?: E; in?: E[]; notIn?: E[]; not?: E | EnumFilter<E> };
export type EnumNullableFilter<E> = { equals?: E | null; in?: E[] | null; notIn?: E[] | null; not?: E | EnumNullableFilter<E> | null };
export type ScalarListFilter<T> = { equals?: T[] | null; has?: T | null; hasEvery?: T[]; hasSome?: T[]; isEmpty?: boolean };

// ---- writes of values --------------------------------------------------------------------------------------------
export type FieldUpdate<T> = { set?: T };
export type NumberFieldUpdate<T> = { set?: T; increment?: T; decrement?: T; multiply?: T; divide?: T };
export type ListFieldUpdate<T> = { set?: T[]; push?: T | T[] };

// ---- relations: filters and nested writes --------------------------------------------------------------------------
export type ListRelationFilter<W> = { every?: W; some?: W; none?: W };
export type RelationFilter<W> = { is?: W | null; isNot?: W | null };
export type OrderByRelationAggregateInput = { _count?: SortOrder };

// ---- result types that follow select, include and omit (Prisma's GetPayload) ----------------------------------------
/** At least one of the keys K of O, as Prisma's WhereUniqueInput demands. */
export type AtLeast<O extends object, K extends keyof O> = K extends unknown ? O & { [P in K]-?: Exclude<O[P], undefined> } : never;

type $Narrowable = string | number | bigint | boolean | [];
/** Prisma's Exact: the argument's own type when it fits W, otherwise W, so that an unknown key is an error at any depth. */
export type Exact<A, W> = A extends Date | Uint8Array ? A
  : (A extends unknown ? (W extends A ? { [K in keyof A]: Exact<A[K], W[K & keyof W]> } : W) : never) | (A extends $Narrowable ? A : never);

/**
 * Prisma's SelectSubset, for writes: only the keys of W at the top (a deeper mistake is caught by A's constraint). Exact
 * over the self-referencing write inputs makes tsc give up ("excessively deep").
 */
export type Subset<A, W> = { [K in keyof A]: K extends keyof W ? A[K] : never };

export type Simplify<T> = T extends Date | Uint8Array | bigint ? T : { [K in keyof T]: T[K] } & {};

type $Model = keyof $TypeMap;
type $Scalars<N extends $Model> = $TypeMap[N]['scalars'];
type $Relations<N extends $Model> = $TypeMap[N]['relations'];
type $Truthy<S> = { [K in keyof S as S[K] extends false | undefined | null ? never : K]: S[K] };

type $Omitted<N extends $Model, O> = { [K in keyof $Scalars<N> as K extends keyof O ? (O[K] extends true ? never : K) : K]: $Scalars<N>[K] };
type $Default<N extends $Model, A> = A extends { omit: infer O } ? (O extends object ? $Omitted<N, O> : $Scalars<N>) : $Scalars<N>;

type $Relation<R, A> =
  R extends { model: infer M extends $Model; list: true } ? $Payload<M, A>[]
  : R extends { model: infer M extends $Model; optional: true } ? $Payload<M, A> | null
  : R extends { model: infer M extends $Model } ? $Payload<M, A>
  : never;

type $CountOf<N extends $Model, C> = C extends { select: infer S } ? { [K in keyof $Truthy<S>]: number } : { [K in $TypeMap[N]['counted']]: number };

type $Picked<N extends $Model, S> = {
  [K in keyof $Truthy<S>]: K extends keyof $Scalars<N> ? $Scalars<N>[K]
    : K extends keyof $Relations<N> ? $Relation<$Relations<N>[K], S[K]>
    : K extends '_count' ? Simplify<$CountOf<N, S[K]>>
    : never;
};
type $Included<N extends $Model, I> = { [K in keyof $Truthy<I> as K extends keyof $Scalars<N> ? never : K]: K extends keyof $Relations<N>
  ? $Relation<$Relations<N>[K], I[K]> : K extends '_count' ? Simplify<$CountOf<N, I[K]>> : never };

/** The record that arguments A give for model N: Prisma's `UserGetPayload<A>`. */
export type $Payload<N extends $Model, A> = Simplify<
  A extends { select: infer S } ? (S extends object ? $Picked<N, S> : $Default<N, A>)
  : A extends { include: infer I } ? (I extends object ? $Default<N, A> & $Included<N, I> : $Default<N, A>)
  : $Default<N, A>>;

type $Fields<A, K extends string> = A extends { [P in K]: infer F } ? (F extends object ? keyof $Truthy<F> : never) : never;
type $AggregateOf<N extends $Model, A> = Simplify<
  (A extends { _count: infer C } ? { _count: C extends true ? number : { [F in keyof $Truthy<C>]: number } } : {})
  & (A extends { _avg: object } ? { _avg: { [F in $Fields<A, '_avg'>]: F extends keyof $Scalars<N> ? (NonNullable<$Scalars<N>[F]> extends string ? string : number) | null : never } } : {})
  & (A extends { _sum: object } ? { _sum: { [F in $Fields<A, '_sum'>]: F extends keyof $Scalars<N> ? NonNullable<$Scalars<N>[F]> | null : never } } : {})
  & (A extends { _min: object } ? { _min: { [F in $Fields<A, '_min'>]: F extends keyof $Scalars<N> ? NonNullable<$Scalars<N>[F]> | null : never } } : {})
  & (A extends { _max: object } ? { _max: { [F in $Fields<A, '_max'>]: F extends keyof $Scalars<N> ? NonNullable<$Scalars<N>[F]> | null : never } } : {})>;
type $By<A> = A extends { by: infer B } ? (B extends readonly (infer F)[] ? F : B) : never;
type $GroupOf<N extends $Model, A> = Simplify<{ [K in $By<A> & keyof $Scalars<N>]: $Scalars<N>[K] } & $AggregateOf<N, A>>;
type $CountResult<A> = A extends { select: infer S } ? (S extends object ? { [K in keyof $Truthy<S>]: number } : number) : number;

// ---- the client ------------------------------------------------------------------------------------------------------
/** Per call: an AbortSignal, and headers of this request only (for example If-Match). */
export type CallOptions = { signal?: AbortSignal; headers?: Record<string, string> };
export type ClientConfig = {
  /** The address of the Quarry service, e.g. `http://localhost:8080`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  fetch?: typeof globalThis.fetch;
  headers?: Record<string, string>;
};

/** A built operation: it runs when awaited, and `$transaction` can take it (Prisma's PrismaPromise). */
export interface QuarryPromise<T> extends Promise<T> {
  readonly [Symbol.toStringTag]: 'QuarryPromise';
}
export interface QuarryUniquePromise<T> extends QuarryPromise<T> {
  /** Reads the record by its id from the resource route, with its ETag for a later If-Match. */
  withETag(): Promise<{ data: T; etag: string | null }>;
}

export declare class QuarryClientError extends Error {
  readonly name: 'QuarryClientError';
  /** Prisma's code (`P2002`, `P2025` …) or Quarry's (`Q…`). */
  readonly code: string | undefined;
  readonly status: number;
  readonly meta: Record<string, unknown>;
  /** The whole problem document (RFC 9457). */
  readonly problem: { type?: string; title?: string; status?: number; detail?: string; code?: string; meta?: Record<string, unknown>; [key: string]: unknown };
}

type $Args<N extends $Model, O extends string> = O extends keyof $TypeMap[N]['args'] ? $TypeMap[N]['args'][O] : never;

export interface $ReadDelegate<N extends $Model> {
  findMany<A extends $Args<N, 'findMany'>>(args?: Exact<A, $Args<N, 'findMany'>>, options?: CallOptions): QuarryPromise<$Payload<N, A>[]>;
  findFirst<A extends $Args<N, 'findMany'>>(args?: Exact<A, $Args<N, 'findMany'>>, options?: CallOptions): QuarryPromise<$Payload<N, A> | null>;
  findFirstOrThrow<A extends $Args<N, 'findMany'>>(args?: Exact<A, $Args<N, 'findMany'>>, options?: CallOptions): QuarryPromise<$Payload<N, A>>;
  findUnique<A extends $Args<N, 'findUnique'>>(args: Exact<A, $Args<N, 'findUnique'>>, options?: CallOptions): QuarryUniquePromise<$Payload<N, A> | null>;
  findUniqueOrThrow<A extends $Args<N, 'findUnique'>>(args: Exact<A, $Args<N, 'findUnique'>>, options?: CallOptions): QuarryUniquePromise<$Payload<N, A>>;
  count<A extends $Args<N, 'count'>>(args?: Exact<A, $Args<N, 'count'>>, options?: CallOptions): QuarryPromise<$CountResult<A>>;
  aggregate<A extends $Args<N, 'aggregate'>>(args: Exact<A, $Args<N, 'aggregate'>>, options?: CallOptions): QuarryPromise<$AggregateOf<N, A>>;
  groupBy<A extends $Args<N, 'groupBy'>>(args: Exact<A, $Args<N, 'groupBy'>>, options?: CallOptions): QuarryPromise<$GroupOf<N, A>[]>;
}

export interface $Delegate<N extends $Model> extends $ReadDelegate<N> {
  create<A extends $Args<N, 'create'>>(args: Subset<A, $Args<N, 'create'>>, options?: CallOptions): QuarryPromise<$Payload<N, A>>;
  createMany<A extends $Args<N, 'createMany'>>(args: Subset<A, $Args<N, 'createMany'>>, options?: CallOptions): QuarryPromise<BatchPayload>;
  createManyAndReturn<A extends $Args<N, 'createManyAndReturn'>>(args: Subset<A, $Args<N, 'createManyAndReturn'>>, options?: CallOptions): QuarryPromise<$Payload<N, A>[]>;
  update<A extends $Args<N, 'update'>>(args: Subset<A, $Args<N, 'update'>>, options?: CallOptions): QuarryPromise<$Payload<N, A>>;
  updateMany<A extends $Args<N, 'updateMany'>>(args: Subset<A, $Args<N, 'updateMany'>>, options?: CallOptions): QuarryPromise<BatchPayload>;
  updateManyAndReturn<A extends $Args<N, 'updateManyAndReturn'>>(args: Subset<A, $Args<N, 'updateManyAndReturn'>>, options?: CallOptions): QuarryPromise<$Payload<N, A>[]>;
  upsert<A extends $Args<N, 'upsert'>>(args: Subset<A, $Args<N, 'upsert'>>, options?: CallOptions): QuarryPromise<$Payload<N, A>>;
  delete<A extends $Args<N, 'delete'>>(args: Subset<A, $Args<N, 'delete'>>, options?: CallOptions): QuarryPromise<$Payload<N, A>>;
  deleteMany<A extends $Args<N, 'deleteMany'>>(args?: Subset<A, $Args<N, 'deleteMany'>>, options?: CallOptions): QuarryPromise<BatchPayload>;
}

type $Results<P> = { [K in keyof P]: P[K] extends QuarryPromise<infer T> ? T : never };
export type TransactionOptions = CallOptions & { isolationLevel?: TransactionIsolationLevel; maxWait?: number; timeout?: number };

type $Without<T, U> = { [P in Exclude<keyof T, keyof U>]?: never };
/** One of the two, never a mix: the checked input (relations) or the unchecked one (foreign keys), as in Prisma. */
export type XOR<T, U> = T extends object ? (U extends object ? ($Without<T, U> & U) | ($Without<U, T> & T) : U) : T;
