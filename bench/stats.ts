/** The middle value (the upper of the two middle ones for an even count): the benches' summary of rounds. */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
