// What the floor's provider does: nothing beyond echoing its inputs, at once.
"use strict";

const stamp = "2026-01-01T00:00:00Z";

exports.check = async (_olds, news) => ({ inputs: news });
exports.diff = async (_id, olds, news) => ({ changes: olds.value !== news.value, replaces: [], deleteBeforeReplace: false });
exports.create = async (inputs) => ({ id: `${inputs.repository}/${inputs.secretName}`, outs: { ...inputs, createdAt: stamp, updatedAt: stamp } });
exports.read = async (id, props) => ({ id, props });
exports.update = async (_id, olds, news) => ({ outs: { ...news, createdAt: olds.createdAt, updatedAt: stamp } });
exports.delete = async () => {};
