/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`test/admin/openapi-admin.test.ts > TAP > the admin operations in the OpenAPI document > the admin components 1`] = `
Object {
  "AdminClockCommand": Object {
    "additionalProperties": false,
    "properties": Object {
      "advanceMs": Object {
        "description": "freeze (if real), then move on this far, running every event of the span in time order",
        "maximum": 31622400000,
        "minimum": 0,
        "type": "integer",
      },
      "mode": Object {
        "description": "run on in real time from the clock's time",
        "enum": Array [
          "real",
        ],
        "type": "string",
      },
      "to": Object {
        "description": "set and freeze: a jump, events in between run late (schedules skip them)",
        "format": "iso-date-time",
        "type": "string",
      },
    },
    "type": "object",
  },
  "AdminClockState": Object {
    "properties": Object {
      "events": Object {
        "description": "events the call ran",
        "type": "integer",
      },
      "limited": Object {
        "description": "true: the per-call event limit stopped the clock at the last event run; advance again",
        "type": "boolean",
      },
      "mode": Object {
        "anyOf": Array [
          Object {
            "enum": Array [
              "real",
            ],
            "type": "string",
          },
          Object {
            "enum": Array [
              "frozen",
            ],
            "type": "string",
          },
        ],
      },
      "now": Object {
        "description": "the tenant clock, ISO 8601 UTC",
        "type": "string",
      },
    },
    "required": Array [
      "now",
      "mode",
    ],
    "type": "object",
  },
  "AdminError": Object {
    "properties": Object {
      "details": Object {
        "items": Object {
          "type": "string",
        },
        "type": "array",
      },
      "error": Object {
        "type": "string",
      },
      "message": Object {
        "type": "string",
      },
    },
    "required": Array [
      "error",
      "message",
    ],
    "type": "object",
  },
  "AdminFaultAnswer": Object {
    "additionalProperties": false,
    "properties": Object {
      "body": Object {
        "description": "answer body; default: the vendor's error shape for status",
      },
      "delayMs": Object {
        "maximum": 60000,
        "minimum": 0,
        "type": "integer",
      },
      "dribbleMs": Object {
        "description": "send the answer slowly, spread over this long",
        "maximum": 60000,
        "minimum": 1,
        "type": "integer",
      },
      "headers": Object {
        "additionalProperties": Object {
          "maxLength": 8192,
          "type": "string",
        },
        "description": "answer headers; 429 and 503 default Retry-After: 1",
        "type": "object",
      },
      "kind": Object {
        "anyOf": Array [
          Object {
            "enum": Array [
              "empty",
            ],
            "type": "string",
          },
          Object {
            "enum": Array [
              "malformed",
            ],
            "type": "string",
          },
          Object {
            "enum": Array [
              "truncated",
            ],
            "type": "string",
          },
        ],
        "description": "empty body, JSON that does not parse, or the answer cut halfway",
      },
      "latency": Object {
        "anyOf": Array [
          Object {
            "additionalProperties": false,
            "properties": Object {
              "uniform": Object {
                "additionalProperties": false,
                "properties": Object {
                  "max": Object {
                    "maximum": 60000,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "min": Object {
                    "maximum": 60000,
                    "minimum": 0,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "min",
                  "max",
                ],
                "type": "object",
              },
            },
            "required": Array [
              "uniform",
            ],
            "type": "object",
          },
          Object {
            "additionalProperties": false,
            "properties": Object {
              "lognormal": Object {
                "additionalProperties": false,
                "properties": Object {
                  "median": Object {
                    "exclusiveMinimum": 0,
                    "maximum": 60000,
                    "type": "number",
                  },
                  "sigma": Object {
                    "maximum": 4,
                    "minimum": 0,
                    "type": "number",
                  },
                },
                "required": Array [
                  "median",
                  "sigma",
                ],
                "type": "object",
              },
            },
            "required": Array [
              "lognormal",
            ],
            "type": "object",
          },
        ],
        "description": "a delay drawn per request: uniform {min,max} or lognormal {median,sigma} (ms)",
      },
      "reset": Object {
        "description": "drop the connection",
        "type": "boolean",
      },
      "status": Object {
        "maximum": 599,
        "minimum": 100,
        "type": "integer",
      },
    },
    "type": "object",
  },
  "AdminFaultRule": Object {
    "properties": Object {
      "body": Object {
        "description": "answer body; default: the vendor's error shape for status",
      },
      "createdAt": Object {
        "type": "string",
      },
      "delayMs": Object {
        "maximum": 60000,
        "minimum": 0,
        "type": "integer",
      },
      "dribbleMs": Object {
        "description": "send the answer slowly, spread over this long",
        "maximum": 60000,
        "minimum": 1,
        "type": "integer",
      },
      "expiresAt": Object {
        "type": "string",
      },
      "headers": Object {
        "additionalProperties": Object {
          "maxLength": 8192,
          "type": "string",
        },
        "description": "answer headers; 429 and 503 default Retry-After: 1",
        "type": "object",
      },
      "hits": Object {
        "description": "how many times it has fired",
        "type": "integer",
      },
      "id": Object {
        "type": "string",
      },
      "kind": Object {
        "anyOf": Array [
          Object {
            "enum": Array [
              "empty",
            ],
            "type": "string",
          },
          Object {
            "enum": Array [
              "malformed",
            ],
            "type": "string",
          },
          Object {
            "enum": Array [
              "truncated",
            ],
            "type": "string",
          },
        ],
        "description": "empty body, JSON that does not parse, or the answer cut halfway",
      },
      "latency": Object {
        "anyOf": Array [
          Object {
            "additionalProperties": false,
            "properties": Object {
              "uniform": Object {
                "additionalProperties": false,
                "properties": Object {
                  "max": Object {
                    "maximum": 60000,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "min": Object {
                    "maximum": 60000,
                    "minimum": 0,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "min",
                  "max",
                ],
                "type": "object",
              },
            },
            "required": Array [
              "uniform",
            ],
            "type": "object",
          },
          Object {
            "additionalProperties": false,
            "properties": Object {
              "lognormal": Object {
                "additionalProperties": false,
                "properties": Object {
                  "median": Object {
                    "exclusiveMinimum": 0,
                    "maximum": 60000,
                    "type": "number",
                  },
                  "sigma": Object {
                    "maximum": 4,
                    "minimum": 0,
                    "type": "number",
                  },
                },
                "required": Array [
                  "median",
                  "sigma",
                ],
                "type": "object",
              },
            },
            "required": Array [
              "lognormal",
            ],
            "type": "object",
          },
        ],
        "description": "a delay drawn per request: uniform {min,max} or lognormal {median,sigma} (ms)",
      },
      "method": Object {
        "pattern": "^[A-Za-z]+$",
        "type": "string",
      },
      "path": Object {
        "description": "path glob, e.g. /api/v1/scans/* or /targets/**",
        "maxLength": 2048,
        "minLength": 1,
        "type": "string",
      },
      "probability": Object {
        "exclusiveMinimum": 0,
        "maximum": 1,
        "type": "number",
      },
      "requestBody": Object {
        "description": "a JSON subset the request body must contain (extra fields ignored)",
      },
      "requestHeaders": Object {
        "additionalProperties": Object {
          "type": "string",
        },
        "description": "headers (any case) that must have exactly these values",
        "type": "object",
      },
      "requestQuery": Object {
        "additionalProperties": Object {
          "type": "string",
        },
        "description": "query parameters that must have exactly these values",
        "type": "object",
      },
      "reset": Object {
        "description": "drop the connection",
        "type": "boolean",
      },
      "seed": Object {
        "description": "makes probability repeatable",
        "maximum": 4294967295,
        "minimum": 0,
        "type": "integer",
      },
      "sequence": Object {
        "description": "one answer per matching request in turn ({} = the real answer), then the rule is spent",
        "items": Object {
          "$ref": "#/components/schemas/AdminFaultAnswer",
        },
        "maxItems": 100,
        "minItems": 1,
        "type": "array",
      },
      "status": Object {
        "maximum": 599,
        "minimum": 100,
        "type": "integer",
      },
      "tenant": Object {
        "type": "string",
      },
      "times": Object {
        "description": "fire this many times, then retire (default: until deleted)",
        "minimum": 1,
        "type": "integer",
      },
      "ttlMs": Object {
        "description": "the rule expires after this long",
        "minimum": 1,
        "type": "integer",
      },
    },
    "required": Array [
      "path",
      "tenant",
      "id",
      "createdAt",
      "hits",
    ],
    "type": "object",
  },
  "AdminFaultRuleInput": Object {
    "additionalProperties": false,
    "properties": Object {
      "body": Object {
        "description": "answer body; default: the vendor's error shape for status",
      },
      "delayMs": Object {
        "maximum": 60000,
        "minimum": 0,
        "type": "integer",
      },
      "dribbleMs": Object {
        "description": "send the answer slowly, spread over this long",
        "maximum": 60000,
        "minimum": 1,
        "type": "integer",
      },
      "headers": Object {
        "additionalProperties": Object {
          "maxLength": 8192,
          "type": "string",
        },
        "description": "answer headers; 429 and 503 default Retry-After: 1",
        "type": "object",
      },
      "kind": Object {
        "anyOf": Array [
          Object {
            "enum": Array [
              "empty",
            ],
            "type": "string",
          },
          Object {
            "enum": Array [
              "malformed",
            ],
            "type": "string",
          },
          Object {
            "enum": Array [
              "truncated",
            ],
            "type": "string",
          },
        ],
        "description": "empty body, JSON that does not parse, or the answer cut halfway",
      },
      "latency": Object {
        "anyOf": Array [
          Object {
            "additionalProperties": false,
            "properties": Object {
              "uniform": Object {
                "additionalProperties": false,
                "properties": Object {
                  "max": Object {
                    "maximum": 60000,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "min": Object {
                    "maximum": 60000,
                    "minimum": 0,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "min",
                  "max",
                ],
                "type": "object",
              },
            },
            "required": Array [
              "uniform",
            ],
            "type": "object",
          },
          Object {
            "additionalProperties": false,
            "properties": Object {
              "lognormal": Object {
                "additionalProperties": false,
                "properties": Object {
                  "median": Object {
                    "exclusiveMinimum": 0,
                    "maximum": 60000,
                    "type": "number",
                  },
                  "sigma": Object {
                    "maximum": 4,
                    "minimum": 0,
                    "type": "number",
                  },
                },
                "required": Array [
                  "median",
                  "sigma",
                ],
                "type": "object",
              },
            },
            "required": Array [
              "lognormal",
            ],
            "type": "object",
          },
        ],
        "description": "a delay drawn per request: uniform {min,max} or lognormal {median,sigma} (ms)",
      },
      "method": Object {
        "pattern": "^[A-Za-z]+$",
        "type": "string",
      },
      "path": Object {
        "description": "path glob, e.g. /api/v1/scans/* or /targets/**",
        "maxLength": 2048,
        "minLength": 1,
        "type": "string",
      },
      "probability": Object {
        "exclusiveMinimum": 0,
        "maximum": 1,
        "type": "number",
      },
      "requestBody": Object {
        "description": "a JSON subset the request body must contain (extra fields ignored)",
      },
      "requestHeaders": Object {
        "additionalProperties": Object {
          "type": "string",
        },
        "description": "headers (any case) that must have exactly these values",
        "type": "object",
      },
      "requestQuery": Object {
        "additionalProperties": Object {
          "type": "string",
        },
        "description": "query parameters that must have exactly these values",
        "type": "object",
      },
      "reset": Object {
        "description": "drop the connection",
        "type": "boolean",
      },
      "seed": Object {
        "description": "makes probability repeatable",
        "maximum": 4294967295,
        "minimum": 0,
        "type": "integer",
      },
      "sequence": Object {
        "description": "one answer per matching request in turn ({} = the real answer), then the rule is spent",
        "items": Object {
          "$ref": "#/components/schemas/AdminFaultAnswer",
        },
        "maxItems": 100,
        "minItems": 1,
        "type": "array",
      },
      "status": Object {
        "maximum": 599,
        "minimum": 100,
        "type": "integer",
      },
      "tenant": Object {
        "anyOf": Array [
          Object {
            "description": "tenant to act on (default \\"default\\")",
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
          Object {
            "enum": Array [
              "*",
            ],
            "type": "string",
          },
        ],
        "description": "default: ?tenant= of the call, else \\"default\\"; \\"*\\" = every tenant",
      },
      "times": Object {
        "description": "fire this many times, then retire (default: until deleted)",
        "minimum": 1,
        "type": "integer",
      },
      "ttlMs": Object {
        "description": "the rule expires after this long",
        "minimum": 1,
        "type": "integer",
      },
    },
    "required": Array [
      "path",
    ],
    "type": "object",
  },
  "AdminJournalEntry": Object {
    "properties": Object {
      "body": Object {
        "description": "the body as the client sent it (redacted, cut), or an event's data",
      },
      "durationMs": Object {
        "type": "number",
      },
      "fault": Object {
        "description": "the id of the fault rule that shaped the answer",
        "type": "string",
      },
      "headers": Object {
        "additionalProperties": Object {},
        "type": "object",
      },
      "id": Object {
        "type": "integer",
      },
      "matched": Object {
        "description": "false when no route matched (WireMock's \\"unmatched\\")",
        "type": "boolean",
      },
      "method": Object {
        "description": "EVENT for a vendor event (e.g. a task status change)",
        "type": "string",
      },
      "path": Object {
        "description": "the path, or an event's kind",
        "type": "string",
      },
      "query": Object {
        "additionalProperties": Object {},
        "type": "object",
      },
      "refused": Object {
        "description": "why the request was refused, in words",
        "type": "string",
      },
      "response": Object {
        "properties": Object {
          "body": Object {},
          "headers": Object {
            "additionalProperties": Object {},
            "type": "object",
          },
        },
        "required": Array [
          "headers",
          "body",
        ],
        "type": "object",
      },
      "status": Object {
        "description": "0: no answer (the connection was dropped), or an event",
        "type": "integer",
      },
      "tenant": Object {
        "description": "the verified tenant; \\"(anonymous)\\" when no token verified",
        "type": "string",
      },
      "time": Object {
        "type": "string",
      },
    },
    "required": Array [
      "id",
      "time",
      "tenant",
      "method",
      "path",
      "query",
      "headers",
      "body",
      "status",
      "response",
      "durationMs",
      "matched",
    ],
    "type": "object",
  },
  "AdminNearMiss": Object {
    "properties": Object {
      "body": Object {
        "description": "the body as the client sent it (redacted, cut), or an event's data",
      },
      "closest": Object {
        "description": "the route that came nearest, e.g. PATCH /api/v1/scans/:scanId",
        "type": "string",
      },
      "durationMs": Object {
        "type": "number",
      },
      "fault": Object {
        "description": "the id of the fault rule that shaped the answer",
        "type": "string",
      },
      "headers": Object {
        "additionalProperties": Object {},
        "type": "object",
      },
      "id": Object {
        "type": "integer",
      },
      "matched": Object {
        "description": "false when no route matched (WireMock's \\"unmatched\\")",
        "type": "boolean",
      },
      "method": Object {
        "description": "EVENT for a vendor event (e.g. a task status change)",
        "type": "string",
      },
      "path": Object {
        "description": "the path, or an event's kind",
        "type": "string",
      },
      "query": Object {
        "additionalProperties": Object {},
        "type": "object",
      },
      "refused": Object {
        "description": "why the request was refused, in words",
        "type": "string",
      },
      "response": Object {
        "properties": Object {
          "body": Object {},
          "headers": Object {
            "additionalProperties": Object {},
            "type": "object",
          },
        },
        "required": Array [
          "headers",
          "body",
        ],
        "type": "object",
      },
      "status": Object {
        "description": "0: no answer (the connection was dropped), or an event",
        "type": "integer",
      },
      "tenant": Object {
        "description": "the verified tenant; \\"(anonymous)\\" when no token verified",
        "type": "string",
      },
      "time": Object {
        "type": "string",
      },
      "why": Object {
        "description": "the difference, in words",
        "type": "string",
      },
    },
    "required": Array [
      "id",
      "time",
      "tenant",
      "method",
      "path",
      "query",
      "headers",
      "body",
      "status",
      "response",
      "durationMs",
      "matched",
      "closest",
      "why",
    ],
    "type": "object",
  },
  "AdminTokenRequest": Object {
    "additionalProperties": false,
    "properties": Object {
      "email": Object {
        "type": "string",
      },
      "expiresIn": Object {
        "anyOf": Array [
          Object {
            "description": "seconds",
            "minimum": 1,
            "type": "integer",
          },
          Object {
            "pattern": "^[0-9]+\\\\s*(ms|s|m|h|d)?$",
            "type": "string",
          },
        ],
      },
      "name": Object {
        "type": "string",
      },
      "sub": Object {
        "type": "string",
      },
      "tenant": Object {
        "description": "tenant to act on (default \\"default\\")",
        "pattern": "^[A-Za-z0-9._-]{1,64}$",
        "type": "string",
      },
    },
    "type": "object",
  },
}
`

exports[`test/admin/openapi-admin.test.ts > TAP > the admin operations in the OpenAPI document > the admin paths 1`] = `
Object {
  "/__admin/clock": Object {
    "get": Object {
      "operationId": "adminGetClock",
      "parameters": Array [
        Object {
          "description": "tenant to act on (default \\"default\\")",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminClockState",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Read a tenant's clock",
      "tags": Array [
        "admin",
      ],
    },
    "post": Object {
      "operationId": "adminDriveClock",
      "parameters": Array [
        Object {
          "description": "tenant to act on (default \\"default\\")",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
        },
      ],
      "requestBody": Object {
        "content": Object {
          "application/json": Object {
            "example": Object {
              "advanceMs": 60000,
            },
            "schema": Object {
              "$ref": "#/components/schemas/AdminClockCommand",
            },
          },
        },
        "required": true,
      },
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminClockState",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Drive a tenant's clock: {advanceMs}, {to} or {mode: \\"real\\"}",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/faults": Object {
    "delete": Object {
      "operationId": "adminClearFaults",
      "parameters": Array [
        Object {
          "description": "tenant (default \\"default\\"); \\"*\\": the rules for every tenant",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "anyOf": Array [
              Object {
                "description": "tenant to act on (default \\"default\\")",
                "pattern": "^[A-Za-z0-9._-]{1,64}$",
                "type": "string",
              },
              Object {
                "enum": Array [
                  "*",
                ],
                "type": "string",
              },
            ],
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "deleted": Object {
                    "type": "integer",
                  },
                },
                "required": Array [
                  "deleted",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Delete a tenant's fault rules",
      "tags": Array [
        "admin",
      ],
    },
    "get": Object {
      "operationId": "adminListFaults",
      "parameters": Array [
        Object {
          "description": "tenant (default \\"default\\"); \\"*\\": the rules for every tenant",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "anyOf": Array [
              Object {
                "description": "tenant to act on (default \\"default\\")",
                "pattern": "^[A-Za-z0-9._-]{1,64}$",
                "type": "string",
              },
              Object {
                "enum": Array [
                  "*",
                ],
                "type": "string",
              },
            ],
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "faults": Object {
                    "items": Object {
                      "$ref": "#/components/schemas/AdminFaultRule",
                    },
                    "type": "array",
                  },
                },
                "required": Array [
                  "faults",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "A tenant's fault rules (\\"*\\": the rules for every tenant)",
      "tags": Array [
        "admin",
      ],
    },
    "post": Object {
      "description": "The rule is checked by the same function as the in-process entry's fault(): the body is taken as is and every problem named.",
      "operationId": "adminAddFault",
      "parameters": Array [
        Object {
          "description": "tenant (default \\"default\\"); \\"*\\": the rules for every tenant",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "anyOf": Array [
              Object {
                "description": "tenant to act on (default \\"default\\")",
                "pattern": "^[A-Za-z0-9._-]{1,64}$",
                "type": "string",
              },
              Object {
                "enum": Array [
                  "*",
                ],
                "type": "string",
              },
            ],
          },
        },
      ],
      "requestBody": Object {
        "content": Object {
          "application/json": Object {
            "example": Object {
              "method": "GET",
              "path": "/api/v1/integrations",
              "status": 503,
              "times": 1,
            },
            "schema": Object {
              "$ref": "#/components/schemas/AdminFaultRuleInput",
            },
          },
        },
        "required": true,
      },
      "responses": Object {
        "201": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminFaultRule",
              },
            },
          },
          "description": "Created",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Add a fault rule: match method, path glob, query, headers, body; answer {status, body?, headers?}, a delay or latency, {reset: true}, {kind}, {dribbleMs} or a {sequence}",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/faults/{id}": Object {
    "delete": Object {
      "operationId": "adminRemoveFault",
      "parameters": Array [
        Object {
          "description": "tenant (default \\"default\\"); \\"*\\": the rules for every tenant",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "anyOf": Array [
              Object {
                "description": "tenant to act on (default \\"default\\")",
                "pattern": "^[A-Za-z0-9._-]{1,64}$",
                "type": "string",
              },
              Object {
                "enum": Array [
                  "*",
                ],
                "type": "string",
              },
            ],
          },
        },
        Object {
          "example": "3f0c5d8e-2b7a-4c1e-9a6f-0d4b8e2c7a91",
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "type": "string",
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "deleted": Object {
                    "type": "integer",
                  },
                },
                "required": Array [
                  "deleted",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Delete one fault rule",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/fixtures": Object {
    "get": Object {
      "operationId": "adminExportFixture",
      "parameters": Array [
        Object {
          "description": "tenant to act on (default \\"default\\")",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "neostra": Object {
                    "properties": Object {
                      "integrations": Object {
                        "items": Object {
                          "$ref": "#/components/schemas/NeostraIntegration",
                        },
                        "type": "array",
                      },
                      "scans": Object {
                        "items": Object {
                          "properties": Object {
                            "config": Object {
                              "additionalProperties": true,
                              "description": "Scan configuration parameters",
                              "properties": Object {},
                              "type": "object",
                              "x-max-serialized-bytes": 65536,
                            },
                            "createdAt": Object {
                              "format": "date-time",
                              "type": "string",
                            },
                            "description": Object {
                              "description": "Description of the scan purpose",
                              "maxLength": 2000,
                              "type": "string",
                            },
                            "id": Object {
                              "description": "The scan identifier",
                              "type": "string",
                            },
                            "integrationId": Object {
                              "description": "Integration to scan against",
                              "minLength": 1,
                              "type": "string",
                            },
                            "integrationIds": Object {
                              "description": "Integrations to scan",
                              "items": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                              "maxItems": 100,
                              "minItems": 1,
                              "type": "array",
                            },
                            "lastRunAt": Object {
                              "format": "date-time",
                              "type": Array [
                                "string",
                                "null",
                              ],
                            },
                            "name": Object {
                              "description": "Name of the scan",
                              "maxLength": 255,
                              "minLength": 1,
                              "type": "string",
                            },
                            "scanType": Object {
                              "description": "Kind of scan (only FULL is published)",
                              "enum": Array [
                                "FULL",
                              ],
                              "type": "string",
                            },
                            "schedule": Object {
                              "description": "Cron expression for scheduled scans",
                              "format": "cron",
                              "type": Array [
                                "string",
                                "null",
                              ],
                            },
                            "updatedAt": Object {
                              "format": "date-time",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "id",
                            "name",
                            "description",
                            "integrationId",
                            "schedule",
                            "config",
                            "integrationIds",
                            "scanType",
                            "createdAt",
                            "updatedAt",
                          ],
                          "type": "object",
                        },
                        "type": "array",
                      },
                      "settings": Object {
                        "$ref": "#/components/schemas/NeostraSettings",
                      },
                      "tasks": Object {
                        "items": Object {
                          "$ref": "#/components/schemas/NeostraTask",
                        },
                        "type": "array",
                      },
                      "users": Object {
                        "items": Object {
                          "properties": Object {
                            "email": Object {
                              "maxLength": 320,
                              "minLength": 3,
                              "type": "string",
                            },
                            "id": Object {
                              "minLength": 1,
                              "type": "string",
                            },
                            "name": Object {
                              "type": "string",
                            },
                            "password": Object {
                              "minLength": 1,
                              "type": "string",
                            },
                            "passwordHash": Object {
                              "pattern": "^scrypt\\\\$",
                              "type": "string",
                            },
                            "roles": Object {
                              "items": Object {
                                "type": "string",
                              },
                              "type": "array",
                            },
                            "tenants": Object {
                              "anyOf": Array [
                                Object {
                                  "enum": Array [
                                    "*",
                                  ],
                                  "type": "string",
                                },
                                Object {
                                  "items": Object {
                                    "anyOf": Array [
                                      Object {
                                        "pattern": "^[A-Za-z0-9._-]{1,64}$",
                                        "type": "string",
                                      },
                                      Object {
                                        "properties": Object {
                                          "id": Object {
                                            "pattern": "^[A-Za-z0-9._-]{1,64}$",
                                            "type": "string",
                                          },
                                          "logo": Object {
                                            "type": Array [
                                              "string",
                                              "null",
                                            ],
                                          },
                                          "name": Object {
                                            "type": "string",
                                          },
                                        },
                                        "required": Array [
                                          "id",
                                        ],
                                        "type": "object",
                                      },
                                    ],
                                  },
                                  "minItems": 1,
                                  "type": "array",
                                },
                              ],
                            },
                          },
                          "required": Array [
                            "id",
                            "email",
                            "name",
                            "roles",
                            "tenants",
                          ],
                          "type": "object",
                        },
                        "type": "array",
                      },
                    },
                    "required": Array [
                      "integrations",
                      "scans",
                      "users",
                      "tasks",
                      "settings",
                    ],
                    "type": "object",
                  },
                  "probely": Object {
                    "properties": Object {
                      "findings": Object {
                        "items": Object {
                          "properties": Object {
                            "changed": Object {
                              "format": "date-time",
                              "type": "string",
                            },
                            "first_found": Object {
                              "format": "date-time",
                              "type": "string",
                            },
                            "id": Object {
                              "minimum": 1,
                              "type": "integer",
                            },
                            "last_found": Object {
                              "format": "date-time",
                              "type": "string",
                            },
                            "scans": Object {
                              "items": Object {
                                "type": "string",
                              },
                              "type": "array",
                            },
                            "severity": Object {
                              "enum": Array [
                                10,
                                20,
                                30,
                              ],
                              "type": "integer",
                            },
                            "state": Object {
                              "enum": Array [
                                "notfixed",
                                "invalid",
                                "accepted",
                                "fixed",
                                "retesting",
                              ],
                              "type": "string",
                            },
                            "target": Object {
                              "type": "string",
                            },
                            "template": Object {
                              "minimum": 0,
                              "type": "integer",
                            },
                          },
                          "required": Array [
                            "id",
                            "target",
                            "template",
                            "severity",
                            "state",
                            "scans",
                            "first_found",
                            "last_found",
                            "changed",
                          ],
                          "type": "object",
                        },
                        "type": "array",
                      },
                      "findingTemplates": Object {
                        "items": Object {
                          "properties": Object {
                            "cvss_score": Object {
                              "type": "number",
                            },
                            "definition": Object {
                              "$ref": "#/components/schemas/ProbelyFindingDefinition",
                            },
                            "evidence": Object {
                              "type": "string",
                            },
                            "fix": Object {
                              "type": "string",
                            },
                            "insertion_point": Object {
                              "type": "string",
                            },
                            "method": Object {
                              "type": "string",
                            },
                            "parameter": Object {
                              "type": "string",
                            },
                            "path": Object {
                              "type": "string",
                            },
                            "severity": Object {
                              "enum": Array [
                                10,
                                20,
                                30,
                              ],
                              "type": "integer",
                            },
                            "state": Object {
                              "enum": Array [
                                "notfixed",
                                "invalid",
                                "accepted",
                                "fixed",
                                "retesting",
                              ],
                              "type": "string",
                            },
                            "target": Object {
                              "type": "string",
                            },
                            "url": Object {
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "target",
                            "definition",
                            "severity",
                            "url",
                            "path",
                            "method",
                            "parameter",
                            "insertion_point",
                            "evidence",
                            "fix",
                            "cvss_score",
                            "state",
                          ],
                          "type": "object",
                        },
                        "type": "array",
                      },
                      "scanProfiles": Object {
                        "items": Object {
                          "$ref": "#/components/schemas/ProbelyScanProfile",
                        },
                        "type": "array",
                      },
                      "scans": Object {
                        "items": Object {
                          "properties": Object {
                            "changed": Object {
                              "format": "date-time",
                              "type": "string",
                            },
                            "changed_by": Object {
                              "$ref": "#/components/schemas/ProbelyUser",
                            },
                            "completed": Object {
                              "format": "date-time",
                              "type": Array [
                                "string",
                                "null",
                              ],
                            },
                            "crawl_sequences_only": Object {
                              "type": "boolean",
                            },
                            "created": Object {
                              "format": "date-time",
                              "type": "string",
                            },
                            "has_sequence_navigation": Object {
                              "type": "boolean",
                            },
                            "highs": Object {
                              "minimum": 0,
                              "type": "integer",
                            },
                            "id": Object {
                              "type": "string",
                            },
                            "ignore_blackout_period": Object {
                              "type": "boolean",
                            },
                            "incremental": Object {
                              "type": "boolean",
                            },
                            "lows": Object {
                              "minimum": 0,
                              "type": "integer",
                            },
                            "mediums": Object {
                              "minimum": 0,
                              "type": "integer",
                            },
                            "partial_scan": Object {
                              "type": "boolean",
                            },
                            "reduced_scope": Object {
                              "type": "boolean",
                            },
                            "scan_profile": Object {
                              "type": "string",
                            },
                            "started": Object {
                              "format": "date-time",
                              "type": Array [
                                "string",
                                "null",
                              ],
                            },
                            "status": Object {
                              "enum": Array [
                                "queued",
                                "started",
                                "finishing_up",
                                "under_review",
                                "completed",
                                "completed_with_errors",
                                "failed",
                                "pausing",
                                "paused",
                                "resuming",
                                "canceling",
                                "canceled",
                              ],
                              "type": "string",
                            },
                            "target": Object {
                              "type": "string",
                            },
                            "unlimited": Object {
                              "type": "boolean",
                            },
                            "user_data": Object {
                              "anyOf": Array [
                                Object {
                                  "type": "string",
                                },
                                Object {
                                  "type": "null",
                                },
                              ],
                            },
                          },
                          "required": Array [
                            "id",
                            "target",
                            "status",
                            "scan_profile",
                            "created",
                            "started",
                            "completed",
                            "changed",
                            "changed_by",
                            "lows",
                            "mediums",
                            "highs",
                            "incremental",
                            "reduced_scope",
                            "partial_scan",
                            "crawl_sequences_only",
                            "ignore_blackout_period",
                            "has_sequence_navigation",
                            "unlimited",
                            "user_data",
                          ],
                          "type": "object",
                        },
                        "type": "array",
                      },
                      "scheduledScans": Object {
                        "items": Object {
                          "properties": Object {
                            "blackout_period": Object {
                              "$ref": "#/components/schemas/ProbelyBlackoutPeriod",
                            },
                            "changed": Object {
                              "description": "Date and time of the last change, in ISO 8601 UTC format.",
                              "format": "date-time",
                              "type": "string",
                            },
                            "changed_by": Object {
                              "$ref": "#/components/schemas/ProbelyUser",
                            },
                            "date_time": Object {
                              "description": "Date and time of next scan scheduled.",
                              "format": "date-time",
                              "type": "string",
                            },
                            "id": Object {
                              "description": "A unique Base58 value identifying this object.",
                              "type": "string",
                            },
                            "incremental": Object {
                              "description": "Future scans set to incremental, use in conjunction with partial_scan and override_target_settings.",
                              "type": "boolean",
                            },
                            "override_target_settings": Object {
                              "description": "Override scan target's scan settings, use in conjunction with override_target_settings.",
                              "type": "boolean",
                            },
                            "partial_scan": Object {
                              "description": "Future scans set as partial scans, use in conjunction with incremental and reduced_scope.",
                              "type": "boolean",
                            },
                            "recurrence": Object {
                              "description": "Scheduled scan recurrence.",
                              "enum": Array [
                                "h",
                                "d",
                                "w",
                                "m",
                                "q",
                                "",
                              ],
                              "type": "string",
                            },
                            "reduced_scope": Object {
                              "description": "Future scans set as reduced scope, use in conjunction with partial_scan and override_target_settings.",
                              "type": "boolean",
                            },
                            "run_on_day_of_week": Object {
                              "description": "Schedule scan to run on specific monthly day of week (for monthly/quarterly recurrence).",
                              "type": "boolean",
                            },
                            "scan_profile": Object {
                              "description": "Scan profile to use. Use the endpoint List Scan Profiles to get all the available scan profiles. If no scan profile is specified, the scan profile will be the one specified in the target settings.",
                              "type": Array [
                                "string",
                                "null",
                              ],
                              "x-drf-field": "PrimaryKeyRelatedField",
                            },
                            "scheduled_day_of_week": Object {
                              "description": "Day of week to run scan on - monday to sunday (for run on day of week option).",
                              "enum": Array [
                                1,
                                2,
                                3,
                                4,
                                5,
                                6,
                                7,
                                null,
                              ],
                              "maximum": 2147483647,
                              "minimum": -2147483648,
                              "type": Array [
                                "integer",
                                "null",
                              ],
                            },
                            "target": Object {
                              "type": "string",
                            },
                            "timezone": Object {
                              "description": "Timezone to use for scheduled scan timestamp.",
                              "maxLength": 64,
                              "type": "string",
                            },
                            "unlimited": Object {
                              "type": "string",
                            },
                            "week_index": Object {
                              "description": "Which week of the month to run scan on (with run_on_day_of_week enabled).",
                              "enum": Array [
                                "first",
                                "second",
                                "third",
                                "fourth",
                                "last",
                                "",
                                null,
                              ],
                              "type": Array [
                                "string",
                                "null",
                              ],
                            },
                          },
                          "required": Array [
                            "id",
                            "date_time",
                            "recurrence",
                            "changed",
                            "changed_by",
                            "blackout_period",
                            "timezone",
                            "run_on_day_of_week",
                            "scheduled_day_of_week",
                            "week_index",
                            "partial_scan",
                            "override_target_settings",
                            "incremental",
                            "reduced_scope",
                            "scan_profile",
                            "unlimited",
                            "target",
                          ],
                          "type": "object",
                        },
                        "type": "array",
                      },
                      "settings": Object {
                        "$ref": "#/components/schemas/ProbelySettings",
                      },
                      "targets": Object {
                        "items": Object {
                          "properties": Object {
                            "allowed_scan_profiles": Object {
                              "items": Object {
                                "type": "string",
                              },
                              "type": "array",
                            },
                            "assets": Object {
                              "items": Object {},
                              "type": "array",
                            },
                            "blackout_period": Object {
                              "$ref": "#/components/schemas/ProbelyBlackoutPeriod",
                            },
                            "changed": Object {
                              "format": "date-time",
                              "type": "string",
                            },
                            "changed_by": Object {
                              "$ref": "#/components/schemas/ProbelyUser",
                            },
                            "enabled": Object {
                              "type": "boolean",
                            },
                            "environment": Object {
                              "type": "string",
                            },
                            "has_assets": Object {
                              "type": "boolean",
                            },
                            "highs": Object {
                              "type": "integer",
                            },
                            "id": Object {
                              "description": "A unique Base58 value identifying this object.",
                              "type": "string",
                            },
                            "labels": Object {
                              "items": Object {
                                "$ref": "#/components/schemas/ProbelyLabel",
                              },
                              "type": "array",
                            },
                            "last_scan": Object {},
                            "lows": Object {
                              "type": "integer",
                            },
                            "mediums": Object {
                              "type": "integer",
                            },
                            "name": Object {
                              "description": "Name of the target.",
                              "maxLength": 255,
                              "type": "string",
                            },
                            "report_fileformat": Object {
                              "description": "Report format for the target.",
                              "enum": Array [
                                "pdf",
                                "docx",
                              ],
                              "type": "string",
                            },
                            "risk": Object {
                              "anyOf": Array [
                                Object {
                                  "type": "integer",
                                },
                                Object {
                                  "type": "null",
                                },
                              ],
                            },
                            "running_scan": Object {},
                            "scan_profile": Object {
                              "anyOf": Array [
                                Object {
                                  "type": "string",
                                },
                                Object {
                                  "type": "null",
                                },
                              ],
                            },
                            "scanning_agent": Object {
                              "anyOf": Array [
                                Object {
                                  "$ref": "#/components/schemas/ProbelyScanningAgent",
                                },
                                Object {
                                  "type": "null",
                                },
                              ],
                            },
                            "site": Object {
                              "$ref": "#/components/schemas/ProbelySite",
                            },
                            "teams": Object {
                              "items": Object {
                                "properties": Object {
                                  "id": Object {
                                    "description": "A unique Base58 value identifying this object.",
                                    "type": "string",
                                  },
                                  "name": Object {
                                    "type": "string",
                                  },
                                },
                                "required": Array [
                                  "id",
                                  "name",
                                ],
                                "type": "object",
                              },
                              "type": "array",
                            },
                            "type": Object {
                              "description": "Type of target. Possible values are \\"single\\" for a web application and \\"api\\" for an API.",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "id",
                            "site",
                            "type",
                            "labels",
                            "has_assets",
                            "report_fileformat",
                            "scanning_agent",
                            "teams",
                            "blackout_period",
                            "name",
                            "lows",
                            "mediums",
                            "highs",
                            "risk",
                            "last_scan",
                            "running_scan",
                            "assets",
                            "scan_profile",
                            "enabled",
                            "environment",
                            "allowed_scan_profiles",
                            "changed",
                            "changed_by",
                          ],
                          "type": "object",
                        },
                        "type": "array",
                      },
                    },
                    "required": Array [
                      "scanProfiles",
                      "targets",
                      "scheduledScans",
                    ],
                    "type": "object",
                  },
                },
                "required": Array [
                  "neostra",
                  "probely",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Export a tenant's state in the fixture format",
      "tags": Array [
        "admin",
      ],
    },
    "put": Object {
      "operationId": "adminLoadFixture",
      "parameters": Array [
        Object {
          "description": "tenant to act on (default \\"default\\")",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
        },
      ],
      "requestBody": Object {
        "content": Object {
          "application/json": Object {
            "example": Object {
              "neostra": Object {
                "integrations": Array [
                  Object {
                    "assets": Array [
                      "public.customers",
                      "public.orders",
                      "public.payments",
                    ],
                    "id": "int-postgres",
                    "name": "Customers DB (PostgreSQL)",
                    "type": "POSTGRESQL",
                  },
                  Object {
                    "assets": Array [
                      "crm.contacts",
                      "crm.leads",
                    ],
                    "id": "int-mysql",
                    "name": "Legacy CRM (MySQL)",
                    "type": "MYSQL",
                  },
                  Object {
                    "assets": Array [
                      "events.clicks",
                      "events.sessions",
                    ],
                    "id": "int-mongo",
                    "name": "Events (MongoDB)",
                    "type": "MONGODB",
                  },
                  Object {
                    "assets": Array [
                      "acme-exports",
                      "acme-backups",
                    ],
                    "id": "int-s3",
                    "name": "Exports (AWS S3)",
                    "type": "AWS_S3",
                  },
                  Object {
                    "assets": Array [
                      "user-profiles",
                    ],
                    "id": "int-dynamo",
                    "name": "Profiles (DynamoDB)",
                    "type": "DYNAMODB",
                  },
                ],
                "scans": Array [
                  Object {
                    "config": Object {
                      "detectors": Array [
                        "email",
                        "phone",
                        "iban",
                      ],
                      "sampleRows": 1000,
                    },
                    "createdAt": "2024-05-01T09:00:00.000Z",
                    "description": "Full PII discovery over the customers database",
                    "id": "scan-web-nightly",
                    "integrationId": "int-postgres",
                    "integrationIds": Array [
                      "int-postgres",
                    ],
                    "lastRunAt": null,
                    "name": "Nightly customer data scan",
                    "scanType": "FULL",
                    "schedule": "0 2 * * *",
                    "updatedAt": "2024-05-01T09:00:00.000Z",
                  },
                  Object {
                    "config": Object {
                      "sampleDocuments": 500,
                    },
                    "createdAt": "2024-05-02T09:00:00.000Z",
                    "description": "PII discovery over the event store",
                    "id": "scan-api-weekly",
                    "integrationId": "int-mongo",
                    "integrationIds": Array [
                      "int-mongo",
                    ],
                    "lastRunAt": null,
                    "name": "Weekly events scan",
                    "scanType": "FULL",
                    "schedule": "@weekly",
                    "updatedAt": "2024-05-02T09:00:00.000Z",
                  },
                  Object {
                    "config": Object {},
                    "createdAt": "2024-05-03T09:00:00.000Z",
                    "description": "",
                    "id": "scan-adhoc",
                    "integrationId": "int-postgres",
                    "integrationIds": Array [
                      "int-postgres",
                    ],
                    "lastRunAt": null,
                    "name": "Ad-hoc scan",
                    "scanType": "FULL",
                    "schedule": null,
                    "updatedAt": "2024-05-03T09:00:00.000Z",
                  },
                ],
                "settings": Object {
                  "failAssets": Array [],
                  "failShare": 0,
                  "pendingMs": 1000,
                  "progress": "automatic",
                  "runningMs": 5000,
                },
                "tasks": Array [],
                "users": Array [
                  Object {
                    "email": "dana@acme.example",
                    "id": "usr-dana",
                    "name": "Dana Privacy",
                    "passwordHash": "scrypt$4096$bUMiZpX0pON3B1Ii2AvMZw$F5PVAPZegyynlyKVcs5t6AYcMDz-1eqVUgwt-wLYImg",
                    "roles": Array [
                      "admin",
                    ],
                    "tenants": Array [
                      Object {
                        "id": "default",
                        "logo": null,
                        "name": "Acme Corp",
                      },
                    ],
                  },
                  Object {
                    "email": "max@acme.example",
                    "id": "usr-max",
                    "name": "Max Consultant",
                    "passwordHash": "scrypt$4096$ZglVYCWGXF0n6GXKaL-27A$7funReAM6b4tOWp9FYoNeFalTt90ZRuHMG_ivAVYa2M",
                    "roles": Array [
                      "analyst",
                    ],
                    "tenants": Array [
                      Object {
                        "id": "default",
                        "logo": null,
                        "name": "Acme Corp",
                      },
                      Object {
                        "id": "acme-eu",
                        "logo": null,
                        "name": "Acme EU",
                      },
                    ],
                  },
                  Object {
                    "email": "ci@scanstub.example.com",
                    "id": "usr-ci",
                    "name": "CI Worker",
                    "passwordHash": "scrypt$4096$8DJCzH0v-OGDKwtPeGMuDQ$wGB2BaxsrwcgLUZlDTaAy29Swppve_7Ht-rgX3hHNIE",
                    "roles": Array [
                      "admin",
                    ],
                    "tenants": "*",
                  },
                ],
              },
              "probely": Object {
                "findings": Array [],
                "findingTemplates": Array [
                  Object {
                    "cvss_score": 9.8,
                    "definition": Object {
                      "desc": "",
                      "id": "sqli",
                      "name": "SQL Injection",
                    },
                    "evidence": "",
                    "fix": "Use parameterized queries.",
                    "insertion_point": "parameter",
                    "method": "get",
                    "parameter": "q",
                    "path": "https://app.example.com/search",
                    "severity": 30,
                    "state": "notfixed",
                    "target": "AxtkqTE1AbFd",
                    "url": "https://app.example.com/search",
                  },
                  Object {
                    "cvss_score": 6.1,
                    "definition": Object {
                      "desc": "",
                      "id": "xss_reflected",
                      "name": "Reflected Cross-Site Scripting",
                    },
                    "evidence": "",
                    "fix": "Encode output.",
                    "insertion_point": "parameter",
                    "method": "post",
                    "parameter": "name",
                    "path": "https://app.example.com/profile",
                    "severity": 20,
                    "state": "notfixed",
                    "target": "AxtkqTE1AbFd",
                    "url": "https://app.example.com/profile",
                  },
                  Object {
                    "cvss_score": 3.1,
                    "definition": Object {
                      "desc": "",
                      "id": "missing_hsts",
                      "name": "Strict-Transport-Security header missing",
                    },
                    "evidence": "",
                    "fix": "Send the Strict-Transport-Security header.",
                    "insertion_point": "",
                    "method": "get",
                    "parameter": "",
                    "path": "https://app.example.com/",
                    "severity": 10,
                    "state": "notfixed",
                    "target": "AxtkqTE1AbFd",
                    "url": "https://app.example.com/",
                  },
                  Object {
                    "cvss_score": 3.7,
                    "definition": Object {
                      "desc": "",
                      "id": "cors_wildcard",
                      "name": "Permissive CORS policy",
                    },
                    "evidence": "",
                    "fix": "Restrict Access-Control-Allow-Origin.",
                    "insertion_point": "",
                    "method": "get",
                    "parameter": "",
                    "path": "https://api.example.com/v1/users",
                    "severity": 10,
                    "state": "notfixed",
                    "target": "3ZpBnUd9WcGh",
                    "url": "https://api.example.com/v1/users",
                  },
                ],
                "scanProfiles": Array [
                  Object {
                    "builtin": true,
                    "description": "A full scan with the default settings.",
                    "id": "normal",
                    "name": "Normal",
                  },
                  Object {
                    "builtin": true,
                    "description": "A fast scan of the most common vulnerabilities.",
                    "id": "lightning",
                    "name": "Lightning",
                  },
                ],
                "scans": Array [],
                "scheduledScans": Array [
                  Object {
                    "blackout_period": Object {
                      "begin": null,
                      "cease": null,
                      "changed": "2024-07-29T15:51:28.071000Z",
                      "changed_by": Object {
                        "email": "alice@example.com",
                        "id": "5VkBv8RxZ3Fp",
                        "name": "Alice Example",
                      },
                      "enabled": false,
                      "timezone": "UTC",
                      "weekdays": Array [],
                    },
                    "changed": "2024-07-29T15:51:28.071000Z",
                    "changed_by": Object {
                      "email": "alice@example.com",
                      "id": "5VkBv8RxZ3Fp",
                      "name": "Alice Example",
                    },
                    "date_time": "2030-01-06T02:00:00Z",
                    "id": "Dq7HkZ2vRtYp",
                    "incremental": false,
                    "override_target_settings": false,
                    "partial_scan": false,
                    "recurrence": "w",
                    "reduced_scope": false,
                    "run_on_day_of_week": false,
                    "scan_profile": null,
                    "scheduled_day_of_week": null,
                    "target": "AxtkqTE1AbFd",
                    "timezone": "UTC",
                    "unlimited": "",
                    "week_index": null,
                  },
                  Object {
                    "blackout_period": Object {
                      "begin": null,
                      "cease": null,
                      "changed": "2024-07-29T15:51:28.071000Z",
                      "changed_by": Object {
                        "email": "alice@example.com",
                        "id": "5VkBv8RxZ3Fp",
                        "name": "Alice Example",
                      },
                      "enabled": false,
                      "timezone": "UTC",
                      "weekdays": Array [],
                    },
                    "changed": "2024-07-29T15:51:28.071000Z",
                    "changed_by": Object {
                      "email": "alice@example.com",
                      "id": "5VkBv8RxZ3Fp",
                      "name": "Alice Example",
                    },
                    "date_time": "2030-02-03T03:30:00Z",
                    "id": "Fs3JmNq8WxBc",
                    "incremental": true,
                    "override_target_settings": true,
                    "partial_scan": true,
                    "recurrence": "m",
                    "reduced_scope": false,
                    "run_on_day_of_week": true,
                    "scan_profile": "lightning",
                    "scheduled_day_of_week": 1,
                    "target": "AxtkqTE1AbFd",
                    "timezone": "Europe/Lisbon",
                    "unlimited": "",
                    "week_index": "first",
                  },
                  Object {
                    "blackout_period": Object {
                      "begin": null,
                      "cease": null,
                      "changed": "2024-07-29T15:51:28.071000Z",
                      "changed_by": Object {
                        "email": "alice@example.com",
                        "id": "5VkBv8RxZ3Fp",
                        "name": "Alice Example",
                      },
                      "enabled": false,
                      "timezone": "UTC",
                      "weekdays": Array [],
                    },
                    "changed": "2024-07-29T15:51:28.071000Z",
                    "changed_by": Object {
                      "email": "alice@example.com",
                      "id": "5VkBv8RxZ3Fp",
                      "name": "Alice Example",
                    },
                    "date_time": "2030-01-01T00:00:00Z",
                    "id": "Gt5KpRr2YzCd",
                    "incremental": false,
                    "override_target_settings": false,
                    "partial_scan": false,
                    "recurrence": "d",
                    "reduced_scope": false,
                    "run_on_day_of_week": false,
                    "scan_profile": "normal",
                    "scheduled_day_of_week": null,
                    "target": "3ZpBnUd9WcGh",
                    "timezone": "America/New_York",
                    "unlimited": "",
                    "week_index": "",
                  },
                ],
                "settings": Object {
                  "durations": Object {
                    "pausedMaxMs": 604800000,
                    "queuedMs": 1000,
                    "runningMs": 4000,
                    "transitionMs": 1000,
                  },
                  "outcomes": Object {
                    "default": "completed",
                    "scanProfiles": Object {},
                    "targets": Object {},
                  },
                },
                "targets": Array [
                  Object {
                    "allowed_scan_profiles": Array [
                      "normal",
                      "lightning",
                    ],
                    "assets": Array [],
                    "blackout_period": Object {
                      "begin": null,
                      "cease": null,
                      "changed": "2024-07-29T15:51:28.071000Z",
                      "changed_by": Object {
                        "email": "alice@example.com",
                        "id": "5VkBv8RxZ3Fp",
                        "name": "Alice Example",
                      },
                      "enabled": false,
                      "timezone": "UTC",
                      "weekdays": Array [],
                    },
                    "changed": "2024-07-29T15:51:28.071000Z",
                    "changed_by": Object {
                      "email": "alice@example.com",
                      "id": "5VkBv8RxZ3Fp",
                      "name": "Alice Example",
                    },
                    "enabled": true,
                    "environment": "production",
                    "has_assets": false,
                    "highs": 1,
                    "id": "AxtkqTE1AbFd",
                    "labels": Array [
                      Object {
                        "changed": "2024-07-29T15:51:28.071000Z",
                        "changed_by": Object {
                          "email": "alice@example.com",
                          "id": "5VkBv8RxZ3Fp",
                          "name": "Alice Example",
                        },
                        "color": "#00FF00",
                        "id": "7YhVg2mPqS1c",
                        "name": "production",
                      },
                    ],
                    "last_scan": null,
                    "lows": 4,
                    "mediums": 2,
                    "name": "Example web app",
                    "report_fileformat": "pdf",
                    "risk": 2,
                    "running_scan": null,
                    "scan_profile": "normal",
                    "scanning_agent": null,
                    "site": Object {
                      "api_scan_settings": Object {
                        "api_login_enabled": false,
                        "api_login_payload": "",
                        "api_login_token_field": "",
                        "api_login_url": "",
                        "api_schema_file": "",
                        "api_schema_type": "openapi",
                        "api_schema_url": null,
                        "custom_api_parameters": Array [],
                        "media_type": "application/json",
                        "token_parameter_location": "header",
                        "token_parameter_name": "",
                        "token_prefix": "",
                      },
                      "auth_enabled": false,
                      "basic_auth": Object {
                        "password": "",
                        "username": "",
                      },
                      "blacklist": Array [],
                      "changed": "2024-07-29T15:51:28.071000Z",
                      "changed_by": Object {
                        "email": "alice@example.com",
                        "id": "5VkBv8RxZ3Fp",
                        "name": "Alice Example",
                      },
                      "check_session_url": "",
                      "cookies": Array [],
                      "desc": "Customer-facing web application",
                      "form_login": Array [],
                      "form_login_check_pattern": "",
                      "form_login_url": "",
                      "has_basic_auth": false,
                      "has_form_login": false,
                      "has_otp": false,
                      "has_sequence_login": false,
                      "has_sequence_navigation": false,
                      "headers": Array [
                        Object {
                          "name": "X-Scanner",
                          "value": "probely",
                        },
                      ],
                      "host": "app.example.com",
                      "id": "4nQ8wVzXbKqe",
                      "logout_condition": "any",
                      "logout_detection_enabled": false,
                      "name": "Example web app",
                      "otp_algorithm": "SHA1",
                      "otp_digits": 6,
                      "otp_field": "",
                      "otp_login_sequence_totp_value": "",
                      "otp_secret": "",
                      "otp_submit": "",
                      "otp_type": "totp",
                      "otp_url": "",
                      "stack": Array [
                        Object {
                          "desc": "",
                          "id": "3hQz7WkPdRtY",
                          "name": "Nginx",
                        },
                      ],
                      "url": "https://app.example.com",
                      "verification_date": "2024-07-29T15:51:28.071000Z",
                      "verification_last_error": "",
                      "verification_method": "dns_txt",
                      "verification_token": "c2NhbnN0dWItZGVtbw",
                      "verified": true,
                      "whitelist": Array [],
                    },
                    "teams": Array [
                      Object {
                        "id": "8KpW3rTzXy2N",
                        "name": "AppSec",
                      },
                    ],
                    "type": "single",
                  },
                  Object {
                    "allowed_scan_profiles": Array [
                      "lightning",
                    ],
                    "assets": Array [],
                    "blackout_period": Object {
                      "begin": "22:00",
                      "cease": "06:00",
                      "changed": "2024-07-29T15:51:28.071000Z",
                      "changed_by": Object {
                        "email": "alice@example.com",
                        "id": "5VkBv8RxZ3Fp",
                        "name": "Alice Example",
                      },
                      "enabled": true,
                      "timezone": "Europe/Lisbon",
                      "weekdays": Array [
                        5,
                        6,
                      ],
                    },
                    "changed": "2024-07-29T15:51:28.071000Z",
                    "changed_by": Object {
                      "email": "alice@example.com",
                      "id": "5VkBv8RxZ3Fp",
                      "name": "Alice Example",
                    },
                    "enabled": true,
                    "environment": "staging",
                    "has_assets": false,
                    "highs": 0,
                    "id": "3ZpBnUd9WcGh",
                    "labels": Array [],
                    "last_scan": null,
                    "lows": 0,
                    "mediums": 1,
                    "name": "Example API",
                    "report_fileformat": "docx",
                    "risk": 1,
                    "running_scan": null,
                    "scan_profile": "lightning",
                    "scanning_agent": null,
                    "site": Object {
                      "api_scan_settings": Object {
                        "api_login_enabled": false,
                        "api_login_payload": "",
                        "api_login_token_field": "",
                        "api_login_url": "",
                        "api_schema_file": "",
                        "api_schema_type": "openapi",
                        "api_schema_url": null,
                        "custom_api_parameters": Array [],
                        "media_type": "application/json",
                        "token_parameter_location": "header",
                        "token_parameter_name": "",
                        "token_prefix": "",
                      },
                      "auth_enabled": false,
                      "basic_auth": Object {
                        "password": "",
                        "username": "",
                      },
                      "blacklist": Array [],
                      "changed": "2024-07-29T15:51:28.071000Z",
                      "changed_by": Object {
                        "email": "alice@example.com",
                        "id": "5VkBv8RxZ3Fp",
                        "name": "Alice Example",
                      },
                      "check_session_url": "",
                      "cookies": Array [],
                      "desc": "Public REST API",
                      "form_login": Array [],
                      "form_login_check_pattern": "",
                      "form_login_url": "",
                      "has_basic_auth": false,
                      "has_form_login": false,
                      "has_otp": false,
                      "has_sequence_login": false,
                      "has_sequence_navigation": false,
                      "headers": Array [
                        Object {
                          "name": "X-Scanner",
                          "value": "probely",
                        },
                      ],
                      "host": "api.example.com",
                      "id": "6RtYu2KxAbCd",
                      "logout_condition": "any",
                      "logout_detection_enabled": false,
                      "name": "Example API",
                      "otp_algorithm": "SHA1",
                      "otp_digits": 6,
                      "otp_field": "",
                      "otp_login_sequence_totp_value": "",
                      "otp_secret": "",
                      "otp_submit": "",
                      "otp_type": "totp",
                      "otp_url": "",
                      "stack": Array [
                        Object {
                          "desc": "",
                          "id": "3hQz7WkPdRtY",
                          "name": "Nginx",
                        },
                      ],
                      "url": "https://api.example.com",
                      "verification_date": "2024-07-29T15:51:28.071000Z",
                      "verification_last_error": "",
                      "verification_method": "dns_txt",
                      "verification_token": "c2NhbnN0dWItZGVtbw",
                      "verified": true,
                      "whitelist": Array [],
                    },
                    "teams": Array [],
                    "type": "api",
                  },
                ],
              },
            },
            "schema": Object {},
          },
        },
        "required": true,
      },
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "loaded": Object {
                    "additionalProperties": Object {
                      "type": "integer",
                    },
                    "description": "records loaded of each kind (named <vendor>.<kind> where two vendors share a kind)",
                    "type": "object",
                  },
                  "tenant": Object {
                    "type": "string",
                  },
                },
                "required": Array [
                  "tenant",
                  "loaded",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Replace a tenant's data with a fixture (checked whole first: a bad fixture changes nothing)",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/health": Object {
    "get": Object {
      "operationId": "adminHealth",
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "database": Object {
                    "type": "string",
                  },
                  "status": Object {
                    "type": "string",
                  },
                },
                "required": Array [
                  "status",
                  "database",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "database": Object {
                    "type": "string",
                  },
                  "status": Object {
                    "type": "string",
                  },
                },
                "required": Array [
                  "status",
                  "database",
                ],
                "type": "object",
              },
            },
          },
          "description": "Service Unavailable: not ready",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Liveness and readiness",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/neostra/scan-tasks": Object {
    "get": Object {
      "operationId": "adminListNeostraScanTasks",
      "parameters": Array [
        Object {
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
        },
        Object {
          "example": "scan-adhoc",
          "in": "query",
          "name": "scanId",
          "required": false,
          "schema": Object {
            "type": "string",
          },
        },
        Object {
          "description": "One of PENDING RUNNING COMPLETED FAILED CANCELLED",
          "example": "PENDING",
          "in": "query",
          "name": "status",
          "required": false,
          "schema": Object {
            "enum": Array [
              "PENDING",
              "RUNNING",
              "COMPLETED",
              "FAILED",
              "CANCELLED",
            ],
            "type": "string",
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "tasks": Object {
                    "items": Object {
                      "$ref": "#/components/schemas/NeostraTask",
                    },
                    "type": "array",
                  },
                },
                "required": Array [
                  "tasks",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "A tenant's Neostra scan tasks, oldest first; filters scanId, status",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/neostra/scans/{scanId}/launch": Object {
    "post": Object {
      "operationId": "adminLaunchNeostraScan",
      "parameters": Array [
        Object {
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
        },
        Object {
          "example": "scan-adhoc",
          "in": "path",
          "name": "scanId",
          "required": true,
          "schema": Object {
            "type": "string",
          },
        },
      ],
      "responses": Object {
        "201": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "tasks": Object {
                    "items": Object {
                      "$ref": "#/components/schemas/NeostraTask",
                    },
                    "type": "array",
                  },
                },
                "required": Array [
                  "tasks",
                ],
                "type": "object",
              },
            },
          },
          "description": "Created",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "error": Object {
                    "type": "string",
                  },
                  "message": Object {
                    "type": "string",
                  },
                },
                "required": Array [
                  "error",
                  "message",
                ],
                "type": "object",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Launch a Neostra scan now, as its schedule would: answers the tasks created",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/neostra/settings": Object {
    "get": Object {
      "operationId": "adminGetNeostraSettings",
      "parameters": Array [
        Object {
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/NeostraSettings",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "A tenant's Neostra task progress: mode, durations, outcomes",
      "tags": Array [
        "admin",
      ],
    },
    "put": Object {
      "operationId": "adminUpdateNeostraSettings",
      "parameters": Array [
        Object {
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
        },
      ],
      "requestBody": Object {
        "content": Object {
          "application/json": Object {
            "example": Object {
              "pendingMs": 500,
              "progress": "automatic",
              "runningMs": 2000,
            },
            "schema": Object {
              "additionalProperties": false,
              "properties": Object {
                "failAssets": Object {
                  "description": "assets whose tasks end FAILED",
                  "items": Object {
                    "type": "string",
                  },
                  "maxItems": 1000,
                  "type": "array",
                },
                "failShare": Object {
                  "description": "share of each launch's tasks that end FAILED (spread evenly)",
                  "maximum": 1,
                  "minimum": 0,
                  "type": "number",
                },
                "pendingMs": Object {
                  "description": "how long a task stays PENDING",
                  "maximum": 604800000,
                  "minimum": 0,
                  "type": "integer",
                },
                "progress": Object {
                  "description": "automatic: tasks move on the clock; manual: only PATCH moves them",
                  "enum": Array [
                    "automatic",
                    "manual",
                  ],
                  "type": "string",
                },
                "runningMs": Object {
                  "description": "how long a task stays RUNNING",
                  "maximum": 604800000,
                  "minimum": 0,
                  "type": "integer",
                },
              },
              "type": "object",
            },
          },
        },
        "required": true,
      },
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/NeostraSettings",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Change the fields sent of a tenant's Neostra task progress; a new mode applies at once to unfinished tasks",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/probely/scans": Object {
    "get": Object {
      "operationId": "adminListProbelyScans",
      "parameters": Array [
        Object {
          "description": "tenant to act on (default \\"default\\")",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
        },
        Object {
          "example": "AxtkqTE1AbFd",
          "in": "query",
          "name": "targetId",
          "required": false,
          "schema": Object {
            "type": "string",
          },
        },
        Object {
          "example": "queued",
          "in": "query",
          "name": "status",
          "required": false,
          "schema": Object {
            "enum": Array [
              "queued",
              "started",
              "finishing_up",
              "under_review",
              "completed",
              "completed_with_errors",
              "failed",
              "pausing",
              "paused",
              "resuming",
              "canceling",
              "canceled",
            ],
            "type": "string",
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "scans": Object {
                    "items": Object {
                      "$ref": "#/components/schemas/ProbelyScan",
                    },
                    "type": "array",
                  },
                },
                "required": Array [
                  "scans",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "A tenant's Probely scans, oldest first (filters: targetId, status)",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/probely/scans/{id}/finish": Object {
    "post": Object {
      "operationId": "adminFinishProbelyScan",
      "parameters": Array [
        Object {
          "description": "tenant to act on (default \\"default\\")",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
        },
        Object {
          "example": "4vQnR7sKp2Xt",
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "type": "string",
          },
        },
      ],
      "requestBody": Object {
        "content": Object {
          "application/json": Object {
            "example": Object {
              "outcome": "completed",
            },
            "schema": Object {
              "additionalProperties": false,
              "properties": Object {
                "outcome": Object {
                  "enum": Array [
                    "completed",
                    "completed_with_errors",
                    "failed",
                    "canceled",
                  ],
                  "type": "string",
                },
              },
              "required": Array [
                "outcome",
              ],
              "type": "object",
            },
          },
        },
        "required": true,
      },
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/ProbelyScan",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "End a running scan now with the outcome given (its findings recorded when completed)",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/probely/settings": Object {
    "get": Object {
      "operationId": "adminGetProbelySettings",
      "parameters": Array [
        Object {
          "description": "tenant to act on (default \\"default\\")",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/ProbelySettings",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "A tenant's Probely durations and outcomes",
      "tags": Array [
        "admin",
      ],
    },
    "put": Object {
      "operationId": "adminUpdateProbelySettings",
      "parameters": Array [
        Object {
          "description": "tenant to act on (default \\"default\\")",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
        },
      ],
      "requestBody": Object {
        "content": Object {
          "application/json": Object {
            "example": Object {
              "durations": Object {
                "queuedMs": 500,
                "runningMs": 2000,
              },
              "outcomes": Object {
                "default": "completed",
              },
            },
            "schema": Object {
              "additionalProperties": false,
              "properties": Object {
                "durations": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "pausedMaxMs": Object {
                      "default": 604800000,
                      "description": "a scan paused this long is canceled (Probely: 7 days)",
                      "maximum": 31622400000,
                      "minimum": 0,
                      "type": "integer",
                    },
                    "queuedMs": Object {
                      "default": 1000,
                      "description": "queued -> started",
                      "maximum": 31622400000,
                      "minimum": 0,
                      "type": "integer",
                    },
                    "runningMs": Object {
                      "default": 4000,
                      "description": "started -> its outcome (running time; a pause stops it)",
                      "maximum": 31622400000,
                      "minimum": 0,
                      "type": "integer",
                    },
                    "transitionMs": Object {
                      "default": 1000,
                      "description": "pausing -> paused, resuming -> started, canceling -> canceled",
                      "maximum": 31622400000,
                      "minimum": 0,
                      "type": "integer",
                    },
                  },
                  "type": "object",
                },
                "outcomes": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "default": Object {
                      "default": "completed",
                      "enum": Array [
                        "completed",
                        "completed_with_errors",
                        "failed",
                      ],
                      "type": "string",
                    },
                    "scanProfiles": Object {
                      "additionalProperties": Object {
                        "enum": Array [
                          "completed",
                          "completed_with_errors",
                          "failed",
                        ],
                        "type": "string",
                      },
                      "description": "by scan profile id",
                      "type": "object",
                    },
                    "targets": Object {
                      "additionalProperties": Object {
                        "enum": Array [
                          "completed",
                          "completed_with_errors",
                          "failed",
                        ],
                        "type": "string",
                      },
                      "description": "by target id: wins over the profile",
                      "type": "object",
                    },
                  },
                  "type": "object",
                },
              },
              "type": "object",
            },
          },
        },
        "required": true,
      },
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/ProbelySettings",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Replace a tenant's Probely durations and outcomes (what is left out takes the default); steps already on the clock keep their time",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/requests": Object {
    "delete": Object {
      "operationId": "adminClearRequests",
      "parameters": Array [
        Object {
          "description": "tenant (default \\"default\\"); \\"(anonymous)\\": requests whose token did not verify",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "anyOf": Array [
              Object {
                "description": "tenant to act on (default \\"default\\")",
                "pattern": "^[A-Za-z0-9._-]{1,64}$",
                "type": "string",
              },
              Object {
                "enum": Array [
                  "(anonymous)",
                ],
                "type": "string",
              },
            ],
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "cleared": Object {
                    "type": "string",
                  },
                },
                "required": Array [
                  "cleared",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Clear a tenant's journal",
      "tags": Array [
        "admin",
      ],
    },
    "get": Object {
      "operationId": "adminListRequests",
      "parameters": Array [
        Object {
          "description": "tenant (default \\"default\\"); \\"(anonymous)\\": requests whose token did not verify",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "anyOf": Array [
              Object {
                "description": "tenant to act on (default \\"default\\")",
                "pattern": "^[A-Za-z0-9._-]{1,64}$",
                "type": "string",
              },
              Object {
                "enum": Array [
                  "(anonymous)",
                ],
                "type": "string",
              },
            ],
          },
        },
        Object {
          "example": "PATCH",
          "in": "query",
          "name": "method",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z]+$",
            "type": "string",
          },
        },
        Object {
          "description": "glob: * within a segment, ** across, ? one character",
          "example": "/api/v1/scans/*",
          "in": "query",
          "name": "path",
          "required": false,
          "schema": Object {
            "minLength": 1,
            "type": "string",
          },
        },
        Object {
          "example": "200",
          "in": "query",
          "name": "status",
          "required": false,
          "schema": Object {
            "pattern": "^[1-5][0-9][0-9]$",
            "type": "string",
          },
        },
        Object {
          "example": "2024-01-01T00:00:00.000Z",
          "in": "query",
          "name": "since",
          "required": false,
          "schema": Object {
            "format": "iso-date-time",
            "type": "string",
          },
        },
        Object {
          "example": "50",
          "in": "query",
          "name": "limit",
          "required": false,
          "schema": Object {
            "pattern": "^[0-9]+$",
            "type": "string",
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "requests": Object {
                    "items": Object {
                      "$ref": "#/components/schemas/AdminJournalEntry",
                    },
                    "type": "array",
                  },
                },
                "required": Array [
                  "requests",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "The journal, newest first; filters method, path (glob), status, since, limit",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/requests/count": Object {
    "get": Object {
      "operationId": "adminCountRequests",
      "parameters": Array [
        Object {
          "description": "tenant (default \\"default\\"); \\"(anonymous)\\": requests whose token did not verify",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "anyOf": Array [
              Object {
                "description": "tenant to act on (default \\"default\\")",
                "pattern": "^[A-Za-z0-9._-]{1,64}$",
                "type": "string",
              },
              Object {
                "enum": Array [
                  "(anonymous)",
                ],
                "type": "string",
              },
            ],
          },
        },
        Object {
          "example": "PATCH",
          "in": "query",
          "name": "method",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z]+$",
            "type": "string",
          },
        },
        Object {
          "description": "glob: * within a segment, ** across, ? one character",
          "example": "/api/v1/scans/*",
          "in": "query",
          "name": "path",
          "required": false,
          "schema": Object {
            "minLength": 1,
            "type": "string",
          },
        },
        Object {
          "example": "200",
          "in": "query",
          "name": "status",
          "required": false,
          "schema": Object {
            "pattern": "^[1-5][0-9][0-9]$",
            "type": "string",
          },
        },
        Object {
          "example": "2024-01-01T00:00:00.000Z",
          "in": "query",
          "name": "since",
          "required": false,
          "schema": Object {
            "format": "iso-date-time",
            "type": "string",
          },
        },
        Object {
          "example": "50",
          "in": "query",
          "name": "limit",
          "required": false,
          "schema": Object {
            "pattern": "^[0-9]+$",
            "type": "string",
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "count": Object {
                    "type": "integer",
                  },
                },
                "required": Array [
                  "count",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "How many journaled requests match the filters",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/requests/near-misses": Object {
    "get": Object {
      "operationId": "adminListNearMisses",
      "parameters": Array [
        Object {
          "description": "tenant (default \\"default\\"); \\"(anonymous)\\": requests whose token did not verify",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "anyOf": Array [
              Object {
                "description": "tenant to act on (default \\"default\\")",
                "pattern": "^[A-Za-z0-9._-]{1,64}$",
                "type": "string",
              },
              Object {
                "enum": Array [
                  "(anonymous)",
                ],
                "type": "string",
              },
            ],
          },
        },
        Object {
          "example": "PATCH",
          "in": "query",
          "name": "method",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z]+$",
            "type": "string",
          },
        },
        Object {
          "description": "glob: * within a segment, ** across, ? one character",
          "example": "/api/v1/scans/*",
          "in": "query",
          "name": "path",
          "required": false,
          "schema": Object {
            "minLength": 1,
            "type": "string",
          },
        },
        Object {
          "example": "200",
          "in": "query",
          "name": "status",
          "required": false,
          "schema": Object {
            "pattern": "^[1-5][0-9][0-9]$",
            "type": "string",
          },
        },
        Object {
          "example": "2024-01-01T00:00:00.000Z",
          "in": "query",
          "name": "since",
          "required": false,
          "schema": Object {
            "format": "iso-date-time",
            "type": "string",
          },
        },
        Object {
          "example": "50",
          "in": "query",
          "name": "limit",
          "required": false,
          "schema": Object {
            "pattern": "^[0-9]+$",
            "type": "string",
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "requests": Object {
                    "items": Object {
                      "$ref": "#/components/schemas/AdminNearMiss",
                    },
                    "type": "array",
                  },
                },
                "required": Array [
                  "requests",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Unmatched or refused requests, each with the closest route and why it did not match",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/requests/unmatched": Object {
    "get": Object {
      "operationId": "adminListUnmatchedRequests",
      "parameters": Array [
        Object {
          "description": "tenant (default \\"default\\"); \\"(anonymous)\\": requests whose token did not verify",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "anyOf": Array [
              Object {
                "description": "tenant to act on (default \\"default\\")",
                "pattern": "^[A-Za-z0-9._-]{1,64}$",
                "type": "string",
              },
              Object {
                "enum": Array [
                  "(anonymous)",
                ],
                "type": "string",
              },
            ],
          },
        },
        Object {
          "example": "PATCH",
          "in": "query",
          "name": "method",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z]+$",
            "type": "string",
          },
        },
        Object {
          "description": "glob: * within a segment, ** across, ? one character",
          "example": "/api/v1/scans/*",
          "in": "query",
          "name": "path",
          "required": false,
          "schema": Object {
            "minLength": 1,
            "type": "string",
          },
        },
        Object {
          "example": "200",
          "in": "query",
          "name": "status",
          "required": false,
          "schema": Object {
            "pattern": "^[1-5][0-9][0-9]$",
            "type": "string",
          },
        },
        Object {
          "example": "2024-01-01T00:00:00.000Z",
          "in": "query",
          "name": "since",
          "required": false,
          "schema": Object {
            "format": "iso-date-time",
            "type": "string",
          },
        },
        Object {
          "example": "50",
          "in": "query",
          "name": "limit",
          "required": false,
          "schema": Object {
            "pattern": "^[0-9]+$",
            "type": "string",
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "requests": Object {
                    "items": Object {
                      "$ref": "#/components/schemas/AdminJournalEntry",
                    },
                    "type": "array",
                  },
                },
                "required": Array [
                  "requests",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Journaled requests that matched no route",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/requests/wait": Object {
    "get": Object {
      "operationId": "adminWaitForRequests",
      "parameters": Array [
        Object {
          "description": "tenant (default \\"default\\"); \\"(anonymous)\\": requests whose token did not verify",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "anyOf": Array [
              Object {
                "description": "tenant to act on (default \\"default\\")",
                "pattern": "^[A-Za-z0-9._-]{1,64}$",
                "type": "string",
              },
              Object {
                "enum": Array [
                  "(anonymous)",
                ],
                "type": "string",
              },
            ],
          },
        },
        Object {
          "example": "PATCH",
          "in": "query",
          "name": "method",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z]+$",
            "type": "string",
          },
        },
        Object {
          "description": "glob: * within a segment, ** across, ? one character",
          "example": "/api/v1/scans/*",
          "in": "query",
          "name": "path",
          "required": false,
          "schema": Object {
            "minLength": 1,
            "type": "string",
          },
        },
        Object {
          "example": "200",
          "in": "query",
          "name": "status",
          "required": false,
          "schema": Object {
            "pattern": "^[1-5][0-9][0-9]$",
            "type": "string",
          },
        },
        Object {
          "example": "2024-01-01T00:00:00.000Z",
          "in": "query",
          "name": "since",
          "required": false,
          "schema": Object {
            "format": "iso-date-time",
            "type": "string",
          },
        },
        Object {
          "example": "50",
          "in": "query",
          "name": "limit",
          "required": false,
          "schema": Object {
            "pattern": "^[0-9]+$",
            "type": "string",
          },
        },
        Object {
          "description": "entries to wait for (default 1)",
          "example": "1",
          "in": "query",
          "name": "count",
          "required": false,
          "schema": Object {
            "pattern": "^[1-9][0-9]{0,3}$",
            "type": "string",
          },
        },
        Object {
          "description": "at most 60000 (default 5000)",
          "example": "2000",
          "in": "query",
          "name": "timeoutMs",
          "required": false,
          "schema": Object {
            "pattern": "^[0-9]{1,5}$",
            "type": "string",
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "requests": Object {
                    "items": Object {
                      "$ref": "#/components/schemas/AdminJournalEntry",
                    },
                    "type": "array",
                  },
                },
                "required": Array [
                  "requests",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "408": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "requests": Object {
                    "items": Object {
                      "$ref": "#/components/schemas/AdminJournalEntry",
                    },
                    "type": "array",
                  },
                },
                "required": Array [
                  "requests",
                ],
                "type": "object",
              },
            },
          },
          "description": "HTTP 408",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "429": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "error": Object {
                    "type": "string",
                  },
                  "message": Object {
                    "type": "string",
                  },
                },
                "required": Array [
                  "error",
                  "message",
                ],
                "type": "object",
              },
            },
          },
          "description": "Too Many Requests",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Wait until count entries match (200 with them), or timeoutMs (408 with what matched)",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/reset": Object {
    "post": Object {
      "operationId": "adminReset",
      "parameters": Array [
        Object {
          "description": "tenant to act on (default \\"default\\")",
          "example": "default",
          "in": "query",
          "name": "tenant",
          "required": false,
          "schema": Object {
            "pattern": "^[A-Za-z0-9._-]{1,64}$",
            "type": "string",
          },
        },
        Object {
          "description": "true: every tenant back to the fixture",
          "example": "false",
          "in": "query",
          "name": "all",
          "required": false,
          "schema": Object {
            "anyOf": Array [
              Object {
                "enum": Array [
                  "true",
                ],
                "type": "string",
              },
              Object {
                "enum": Array [
                  "false",
                ],
                "type": "string",
              },
            ],
          },
        },
      ],
      "responses": Object {
        "200": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "reset": Object {
                    "items": Object {
                      "type": "string",
                    },
                    "type": "array",
                  },
                },
                "required": Array [
                  "reset",
                ],
                "type": "object",
              },
            },
          },
          "description": "OK",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Back to the configured fixture: one tenant (?tenant=, default \\"default\\") or all (?all=true); clears its journal and faults; its clock back to real time",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/__admin/tokens": Object {
    "post": Object {
      "operationId": "adminMintToken",
      "requestBody": Object {
        "content": Object {
          "application/json": Object {
            "example": Object {
              "email": "docs@example.com",
              "expiresIn": "1h",
              "name": "Docs User",
              "sub": "u-docs",
              "tenant": "default",
            },
            "schema": Object {
              "$ref": "#/components/schemas/AdminTokenRequest",
            },
          },
        },
        "required": true,
      },
      "responses": Object {
        "201": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "token": Object {
                    "type": "string",
                  },
                },
                "required": Array [
                  "token",
                ],
                "type": "object",
              },
            },
          },
          "description": "Created",
        },
        "400": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Bad Request: a body field or parameter is invalid",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
        "404": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Not Found: no such record (or path)",
        },
        "413": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Payload Too Large: the body is over the limit",
        },
        "415": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unsupported Media Type",
        },
        "500": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Internal Server Error (also what a fault rule answers by default)",
        },
        "503": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Service Unavailable: a write this answer may have read was rolled back (a full disk, say); Retry-After: 1",
        },
      },
      "security": Array [
        Object {
          "adminToken": Array [],
        },
        Object {},
      ],
      "summary": "Mint a JWT both vendors accept: {sub, email, name, tenant, expiresIn}",
      "tags": Array [
        "admin",
      ],
    },
  },
  "/metrics": Object {
    "get": Object {
      "operationId": "adminMetrics",
      "responses": Object {
        "200": Object {
          "content": Object {
            "text/plain": Object {
              "schema": Object {
                "type": "string",
              },
            },
          },
          "description": "Prometheus text exposition format",
        },
        "401": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AdminError",
              },
            },
          },
          "description": "Unauthorized: no token, or one that does not verify",
        },
      },
      "summary": "Prometheus metrics: requests by vendor, route and status; latency; faults fired; tenants; journal size",
      "tags": Array [
        "admin",
      ],
    },
  },
}
`
