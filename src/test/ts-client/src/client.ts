// A small fetch client typed by the types openapi-typescript makes from Quarry's document.
import type { components, operations } from "./api";

export type User = components["schemas"]["User"];
export type Post = components["schemas"]["Post"];
export type Problem = components["schemas"]["Problem"];
export type UserCreateInput = components["schemas"]["UserCreateInput"];
export type UserUpdateInput = components["schemas"]["UserUpdateInput"];
export type UserWhereInput = components["schemas"]["UserWhereInput"];
export type UserOrderByInput = components["schemas"]["UserOrderByInput"];
export type UserInclude = components["schemas"]["UserInclude"];
export type PostWhereInput = components["schemas"]["PostWhereInput"];
export type UserListQuery = components["schemas"]["UserListQuery"];
type ListResponse = operations["users.list"]["responses"][200]["content"]["application/json"];

/** An answer that was not 2xx, with its RFC 9457 body. */
export class ProblemError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(`${status} ${problem.code}: ${problem.detail ?? problem.title}`);
  }
}

export class QuarryClient {
  constructor(private readonly baseUrl: string) {}

  createUser(data: UserCreateInput, include?: UserInclude): Promise<User> {
    return this.send<User>("POST", "/api/users", { include }, data);
  }

  listUsers(args: { filter?: UserWhereInput; orderBy?: UserOrderByInput[]; include?: UserInclude; take?: number }): Promise<ListResponse> {
    return this.send<ListResponse>("GET", "/api/users", args);
  }

  /** The list read with its parameters as a JSON body: no JSON inside a URL. */
  queryUsers(query: UserListQuery): Promise<ListResponse> {
    return this.send<ListResponse>("POST", "/api/users/_query", {}, query);
  }

  updateUser(id: string, data: UserUpdateInput): Promise<User> {
    return this.send<User>("PATCH", `/api/users/${encodeURIComponent(id)}`, {}, data);
  }

  getUser(id: string): Promise<User> {
    return this.send<User>("GET", `/api/users/${encodeURIComponent(id)}`, {});
  }

  deleteUser(id: string): Promise<User> {
    return this.send<User>("DELETE", `/api/users/${encodeURIComponent(id)}`, {});
  }

  deletePosts(filter: PostWhereInput): Promise<{ count: number }> {
    return this.send<{ count: number }>("DELETE", "/api/posts", { filter });
  }

  private async send<T>(method: string, path: string, query: Record<string, unknown>, body?: unknown): Promise<T> {
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) {
        // JSON query parameters (content: application/json) are sent as their JSON text
        url.searchParams.set(name, typeof value === "object" ? JSON.stringify(value) : String(value));
      }
    }
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new ProblemError(response.status, JSON.parse(text) as Problem);
    }
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }
}
