import { z } from "zod";
import { ORDER_TYPES } from "../broker/order-types.js";

const positive = z.number({ error: "expected a number > 0" }).positive("expected a number > 0");
const finite = z.number({ error: "expected a finite number" });

const leg = z.union(
  [
    z.strictObject({ kind: z.enum(["entry", "close"]) }),
    z.strictObject({ kind: z.enum(["add", "partial_exit", "stop", "take_profit"]), n: z.int().min(1) }),
  ],
  { error: "expected an order leg { kind, n? }" },
);

const fill = z.looseObject(
  {
    fillId: z.string().min(1),
    clientOrderId: z.string().min(1),
    venueOrderId: z.string(),
    symbol: z.string().min(1),
    side: z.enum(["buy", "sell"]),
    price: positive,
    quantity: positive,
    fee: finite,
    feeCurrency: z.string(),
    timestamp: finite,
  },
  { error: "expected a broker fill" },
);

/** An order intent as the live state stores it (see `OrderIntent`). */
export const orderIntentSchema = z.looseObject(
  {
    clientOrderId: z.string().min(1),
    signalId: z.string().min(1),
    leg,
    request: z.looseObject(
      {
        clientOrderId: z.string().min(1),
        symbol: z.string().min(1),
        side: z.enum(["buy", "sell"]),
        type: z.enum(ORDER_TYPES),
        quantity: positive,
      },
      { error: "expected an order request" },
    ),
    status: z.enum(["pending", "sent", "open", "filled", "cancelled", "rejected"]),
    venueOrderId: z.string().optional(),
    fills: z.array(fill, { error: "expected an array of fills" }),
    filledQuantity: z.number({ error: "expected a number >= 0" }).min(0, "expected a number >= 0").optional(),
    attempts: z.int().min(0),
    rejection: z.looseObject({ reason: z.string(), message: z.string() }).optional(),
    filledBy: z.string().min(1).optional(),
  },
  { error: "expected an order intent" },
);
