// The few Workers types that src/ modules shared with the Node tools refer to as globals.
type D1Database = import('@cloudflare/workers-types').D1Database;
type D1PreparedStatement = import('@cloudflare/workers-types').D1PreparedStatement;
