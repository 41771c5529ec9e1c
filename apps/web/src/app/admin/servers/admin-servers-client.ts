import { Injectable } from '@angular/core';
import {
  ADMIN_GROUP_ORDER_PATH,
  ADMIN_SERVERS_PATH,
  type AdminServer,
  type AdminServerCreate,
  type AdminServerEdit,
  type AdminServerSecret,
  type GroupOrder,
  type HistoryOnDelete,
} from '@sss/contracts/constants';
import { ApiRequestError } from './api-request-error';

/** `/api/admin/servers` and `/api/admin/groups/order` (README "Server management"); every failure is an ApiRequestError. */
@Injectable({ providedIn: 'root' })
export class AdminServersClient {
  list(signal?: AbortSignal): Promise<AdminServer[]> {
    return request('GET', ADMIN_SERVERS_PATH, undefined, signal);
  }

  add(server: AdminServerCreate): Promise<AdminServerSecret> {
    return request('POST', ADMIN_SERVERS_PATH, server);
  }

  edit(serverId: string, edit: AdminServerEdit): Promise<AdminServer> {
    return request('PATCH', pathOf(serverId), edit);
  }

  rotateSecret(serverId: string): Promise<AdminServerSecret> {
    return request('POST', `${pathOf(serverId)}/secret`, {});
  }

  async remove(serverId: string, history: HistoryOnDelete): Promise<void> {
    await request('DELETE', `${pathOf(serverId)}?history=${history}`, {});
  }

  /** Sets the board order of the stored servers; answers the whole list in its new order. */
  order(serverIds: string[]): Promise<AdminServer[]> {
    return request('POST', `${ADMIN_SERVERS_PATH}/order`, { serverIds });
  }

  /** The board's order of groups, first first. */
  groupOrder(signal?: AbortSignal): Promise<GroupOrder> {
    return request('GET', ADMIN_GROUP_ORDER_PATH, undefined, signal);
  }

  /** Replaces the board's order of groups; answers it as saved. */
  setGroupOrder(groups: string[]): Promise<GroupOrder> {
    return request('POST', ADMIN_GROUP_ORDER_PATH, { groups });
  }
}

function pathOf(serverId: string): string {
  return `${ADMIN_SERVERS_PATH}/${encodeURIComponent(serverId)}`;
}

/** A state-changing request always carries a JSON body (`{}` when it has nothing to say), as the API asks of them. */
async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(0, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await ApiRequestError.of(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
