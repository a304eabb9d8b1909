import type { FastifyRequest } from 'fastify';
import { RequestError } from '../request-error.ts';

/** The person changing how apps are governed (the stores record them by e-mail, readable and unique). */
export function actorOf(request: FastifyRequest): { id: string; name: string; email: string } {
  const user = request.principal?.user;
  if (!user) throw new RequestError('authentication_required', 'sign in to change how apps are governed');
  return { id: user.id, name: user.name, email: user.email };
}
