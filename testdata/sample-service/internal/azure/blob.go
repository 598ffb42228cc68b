// Package azure stores rendered invoices in Azure Blob Storage.
package azure

import (
	"context"
	"errors"
	"fmt"
	"path"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blob"
)

// InvoiceStore uploads and fetches invoice documents.
type InvoiceStore struct {
	connString string
	container  string
}

// NewInvoiceStore returns a store for the container; the connection string comes from the environment.
func NewInvoiceStore(connString, container string) *InvoiceStore {
	return &InvoiceStore{connString: connString, container: container}
}

func (s *InvoiceStore) client() (*azblob.Client, error) {
	if s.connString == "" {
		return nil, errors.New("azure: no storage connection string configured")
	}
	return azblob.NewClientFromConnectionString(s.connString, &azblob.ClientOptions{
		ClientOptions: policy.ClientOptions{
			Retry: policy.RetryOptions{MaxRetries: 3, TryTimeout: 30 * time.Second},
		},
	})
}

func blobName(customer string, at time.Time) string {
	return path.Join("customers", customer, at.UTC().Format("2006/01/02/150405")+".txt")
}

// Upload stores an invoice for a customer and returns its URL.
func (s *InvoiceStore) Upload(ctx context.Context, customer string, body []byte) (string, error) {
	client, err := s.client()
	if err != nil {
		return "", err
	}
	name := blobName(customer, time.Now())
	_, err = client.UploadBuffer(ctx, s.container, name, body, &azblob.UploadBufferOptions{
		BlockSize:   4 << 20,
		Concurrency: 4,
		HTTPHeaders: &blob.HTTPHeaders{BlobContentType: to.Ptr("text/plain; charset=utf-8")},
	})
	if err != nil {
		return "", fmt.Errorf("upload %s: %w", name, err)
	}
	return client.URL() + s.container + "/" + name, nil
}

// List returns the names of a customer's invoices.
func (s *InvoiceStore) List(ctx context.Context, customer string) ([]string, error) {
	client, err := s.client()
	if err != nil {
		return nil, err
	}
	var names []string
	pager := client.NewListBlobsFlatPager(s.container, &azblob.ListBlobsFlatOptions{
		Prefix: to.Ptr(path.Join("customers", customer) + "/"),
	})
	for pager.More() {
		page, err := pager.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, item := range page.Segment.BlobItems {
			names = append(names, *item.Name)
		}
	}
	return names, nil
}

// Purge deletes every invoice of a customer (right to erasure).
func (s *InvoiceStore) Purge(ctx context.Context, customer string) (int, error) {
	names, err := s.List(ctx, customer)
	if err != nil {
		return 0, err
	}
	deleted := 0
	for _, name := range names {
		client, err := s.client()
		if err != nil {
			return deleted, err
		}
		_, err = client.DeleteBlob(context.Background(), s.container, name, nil)
		var respErr *azcore.ResponseError
		if errors.As(err, &respErr) && respErr.StatusCode == 404 {
			continue
		}
		if err != nil {
			return deleted, fmt.Errorf("delete %s: %w", name, err)
		}
		deleted++
	}
	return deleted, nil
}
