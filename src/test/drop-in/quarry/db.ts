import { createClient } from '../clients/blog/index.js';

export const db = createClient({ baseUrl: process.env.BASE_URL! });
