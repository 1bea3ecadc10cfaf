// The handlers bench/runtime.bench.js measures: as small as a handler gets, so the runtime's own cost shows.
export const echo = async (event) => event;

export const sleep = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, event.ms));
  return { slept: event.ms };
};

export const pid = async () => process.pid;
