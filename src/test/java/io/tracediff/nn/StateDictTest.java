package io.tracediff.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.autograd.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state_dict names as PyTorch's, load_state_dict's checks and messages, and save/load through a file. */
class StateDictTest {
    @TempDir Path dir;

    @Test
    void namesFollowPyTorch() {
        MLP mlp = new MLP(new Random(1), 3, 5, 2);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(mlp.stateDict().keySet()));
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"), List.copyOf(new RNN(2, 4, new Random(2)).stateDict().keySet()));
        assertEquals(List.of("weight"), List.copyOf(new Linear(3, 2, false, new Random(3)).stateDict().keySet()));
    }

    @Test
    void aSavedModelLoadsIntoAnotherAndComputesTheSame() throws IOException {
        MLP trained = new MLP(new Random(1), 3, 5, 2), fresh = new MLP(new Random(99), 3, 5, 2);
        Tensor x = Tensor.randn(new Random(4), 7, 3);
        Path file = dir.resolve("mlp.state");
        trained.save(file);
        assertTrue(!trained.forward(x).allclose(fresh.forward(x)));
        fresh.load(file);
        assertArrayEquals(trained.forward(x).toArray(), fresh.forward(x).toArray());
        assertTrue(fresh.parameters().get(0).requiresGrad() && fresh.parameters().get(0).isLeaf());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());           // no temporary file left behind
        }
    }

    @Test
    void stateDictSharesStorageWithTheParameters() {
        Linear layer = new Linear(2, 2, new Random(5));
        Tensor w = layer.stateDict().get("weight");
        layer.weight().data()[0] = 42;
        assertEquals(42, w.get(0, 0));
        assertTrue(!w.requiresGrad());
    }

    @Test
    void loadingReportsEveryProblemAsPyTorchDoes() {
        Linear layer = new Linear(4, 3, new Random(6));
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("weight", Tensor.zeros(4, 3));
        state.put("scale", Tensor.zeros(1));
        double before = layer.weight().get(0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.loadStateDict(state));
        assertEquals("Error(s) in loading state_dict for Linear:\n"
                + "\tMissing key(s) in state_dict: \"bias\". \n"
                + "\tUnexpected key(s) in state_dict: \"scale\". \n"
                + "\tsize mismatch for weight: copying a param with shape torch.Size([4, 3]) from checkpoint, the shape in current model "
                + "is torch.Size([3, 4]).", e.getMessage());
        assertEquals(before, layer.weight().get(0, 0));
        state.put("weight", Tensor.ones(3, 4));
        layer.loadStateDict(state, false);
        assertEquals(1, layer.weight().get(2, 3));
    }

    @Test
    void aForeignOrDamagedFileIsRefusedInOneLine() throws IOException {
        Path foreign = dir.resolve("model.pt");
        Files.write(foreign, new byte[] {80, 75, 3, 4, 0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateDict.load(foreign));
        assertEquals(foreign + " is not a tracediff state file (saved with Module.save / StateDict.save); PyTorch .pt files cannot be read", e.getMessage());
        Path good = dir.resolve("good.state");
        StateDict.save(Map.of("w", Tensor.ones(100)), good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.state");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 9));
        e = assertThrows(IllegalArgumentException.class, () -> StateDict.load(cut));
        assertTrue(e.getMessage().startsWith("state file " + cut + " is damaged:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StateDict.load(dir.resolve("missing.state")));
        assertEquals("state file " + dir.resolve("missing.state") + " does not exist", e.getMessage());
    }

    @Test
    void forwardChecksHowManyInputsABlockTakes() {
        Linear layer = new Linear(2, 2, new Random(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.ones(2), Tensor.ones(2)));
        assertEquals("Linear.forward() takes 1 input but 2 were given", e.getMessage());
        RNNCell cell = new RNNCell(2, 3, new Random(8));
        Tensor x = Tensor.ones(4, 2), h = Tensor.ones(4, 3);
        assertArrayEquals(cell.step(x, h).toArray(), cell.forward(x, h).toArray());
    }
}
