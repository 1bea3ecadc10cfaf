export const handler = async () => {
  throw new Error('the database is on fire');
};
